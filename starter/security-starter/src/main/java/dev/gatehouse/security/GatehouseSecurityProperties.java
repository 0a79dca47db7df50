package dev.gatehouse.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything a Gatehouse service needs to validate tokens and authorize requests, under
 * {@code gatehouse.security}. Validated at start-up so a wrong value stops the service
 * with a clear message instead of failing on the first request.
 */
@Validated
@ConfigurationProperties("gatehouse.security")
public class GatehouseSecurityProperties {

	/**
	 * Asymmetric JWS algorithms a token may be signed with; none and HMAC are never
	 * acceptable.
	 */
	static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
			"ES256", "ES384", "ES512");

	/** The issuer tokens must name in {@code iss}: the public URL of the realm. */
	@NotNull
	private URI issuerUri;

	/**
	 * Base URL this service uses to reach the issuer when it differs from the public one
	 * (split horizon: {@code http://keycloak:8080/realms/gatehouse} inside compose).
	 * Defaults to the issuer.
	 */
	private URI internalIssuerUri;

	/**
	 * Where the signing keys are fetched. Defaults to Keycloak's
	 * {@code <internal issuer>/protocol/openid-connect/certs}; set it for Entra ID or
	 * Okta.
	 */
	private URI jwkSetUri;

	/** At least one of these must be in the token's {@code aud}. */
	@NotEmpty
	private List<String> audiences = new ArrayList<>(List.of("gatehouse-api"));

	/** Allowed signature algorithms. */
	@NotEmpty
	private Set<String> algorithms = new LinkedHashSet<>(Set.of("RS256"));

	/** Tolerance for {@code exp} and {@code nbf} against this host's clock. */
	@NotNull
	private Duration clockSkew = Duration.ofSeconds(30);

	/**
	 * How long fetched signing keys are trusted before the key set is fetched again. A
	 * token signed by a key removed at the issuer is still accepted for at most this
	 * long.
	 */
	@NotNull
	private Duration jwkSetCacheTtl = Duration.ofMinutes(5);

	/**
	 * At most one key-set fetch starts in this time, whatever asks for it (a token with
	 * an unknown key id, the cache expiring), and only one runs at a time, its result
	 * shared by every request waiting for it; so a flood of forged key ids cannot hammer
	 * the issuer. A key the issuer publishes is trusted by every request presented this
	 * long plus {@link #jwkSetTimeout} after its publication
	 * ({@link #newKeyTrustedWithin()}). At least one second, shorter than
	 * {@link #jwkSetCacheTtl}.
	 */
	@NotNull
	private Duration jwkSetRefetchMinInterval = Duration.ofSeconds(2);

	/** Connect and read timeout when fetching the key set. */
	@NotNull
	private Duration jwkSetTimeout = Duration.ofSeconds(3);

	/**
	 * The claim that names the caller (the principal); {@code sub} is the portable
	 * choice.
	 */
	@NotBlank
	private String principalClaim = "preferred_username";

	/**
	 * Claims that hold roles, as dotted paths. Empty means Keycloak's:
	 * {@code realm_access.roles}, {@code resource_access.<audience>.roles} for each
	 * audience, the calling client ({@code azp}) as {@code client:<id>}, so a rule can
	 * admit one client such as the gateway, and a partner system's {@code partner} claim
	 * as {@code partner:<name>}.
	 */
	@Valid
	private List<AuthorityClaim> authorities = new ArrayList<>();

	/**
	 * The {@code azp} of the gateway's own client-credentials token: only beside it does
	 * a service believe the identity headers the gateway sets ({@link GatewayVouching}).
	 */
	@NotBlank
	private String gatewayClientId = "gatehouse-gateway";

	/**
	 * Route rules, first match wins. A request that matches no rule and no permit-all
	 * path is refused.
	 */
	@Valid
	private List<AccessRule> rules = new ArrayList<>();

	/** Paths open without a token. */
	private List<String> permitAll = new ArrayList<>(List.of("/error"));

	/**
	 * Largest request body accepted; larger ones get 413 before the application reads
	 * them.
	 */
	@NotNull
	private DataSize maxRequestBody = DataSize.ofKilobytes(64);

	/**
	 * Largest request header block a client may send. The gateway answers above it with a
	 * 431 problem; the web servers of the gateway and the services are given twice as
	 * much as their hard limit ({@link #serverHeaderLimit()}), so a request the gateway
	 * passes on, with the headers it adds (its token, {@code X-Forwarded-For},
	 * {@code traceparent}), always fits at a service. Declared here once, for the gateway
	 * and every service.
	 */
	@NotNull
	private DataSize maxRequestHeaders = DataSize.ofKilobytes(16);

	/**
	 * With mutual TLS ({@code server.ssl.client-auth: need}, the secure profile): the
	 * subjects of the client certificates allowed to call, e.g. the gateway's. The
	 * handshake already checked that the certificate chains to the trust store; this
	 * narrows the callers to those named here. Empty: any certificate the handshake
	 * accepted.
	 */
	private List<String> allowedClientSubjects = new ArrayList<>();

	@AssertTrue(
			message = "gatehouse.security.allowed-client-subjects must be distinguished names such as 'CN=gatehouse-gateway, O=Example'")
	public boolean isAllowedClientSubjectsValid() {
		try {
			this.allowedClientSubjects.forEach(X500Principal::new);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@AssertTrue(message = "gatehouse.security.algorithms may list only asymmetric JWS algorithms "
			+ "(RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512); 'none' and HMAC (HS256...) are never accepted")
	public boolean isAlgorithmsAsymmetric() {
		return this.algorithms == null || ASYMMETRIC_ALGORITHMS.containsAll(this.algorithms);
	}

	/**
	 * Each cache expiry is a fetch the spacing counts; with a lifetime shorter than the
	 * interval, the cached keys would expire before a fetch may renew them and even known
	 * keys would be refused.
	 */
	@AssertTrue(
			message = "gatehouse.security.jwk-set-refetch-min-interval must be shorter than gatehouse.security.jwk-set-cache-ttl")
	public boolean isRefetchIntervalShorterThanCacheTtl() {
		return this.jwkSetRefetchMinInterval == null || this.jwkSetCacheTtl == null
				|| this.jwkSetRefetchMinInterval.compareTo(this.jwkSetCacheTtl) < 0;
	}

	/**
	 * Without a spacing, tokens with made-up key ids would make the service fetch keys
	 * back to back.
	 */
	@AssertTrue(message = "gatehouse.security.jwk-set-refetch-min-interval must be at least 1s, so that tokens with "
			+ "made-up key ids cannot make the service fetch keys back to back")
	public boolean isRefetchIntervalAtLeastOneSecond() {
		return this.jwkSetRefetchMinInterval == null
				|| this.jwkSetRefetchMinInterval.compareTo(Duration.ofSeconds(1)) >= 0;
	}

	@AssertTrue(message = "gatehouse.security.jwk-set-timeout must be positive")
	public boolean isJwkSetTimeoutPositive() {
		return this.jwkSetTimeout == null || (!this.jwkSetTimeout.isNegative() && !this.jwkSetTimeout.isZero());
	}

	/**
	 * The bound on trusting a new signing key: a request presented this long after the
	 * issuer published the key is accepted, a flood of forged key ids notwithstanding,
	 * provided the issuer answers within {@link #jwkSetTimeout} (see
	 * {@code IssuerKeySet}).
	 */
	public Duration newKeyTrustedWithin() {
		return this.jwkSetRefetchMinInterval.plus(this.jwkSetTimeout);
	}

	public List<String> getAllowedClientSubjects() {
		return this.allowedClientSubjects;
	}

	public void setAllowedClientSubjects(List<String> allowedClientSubjects) {
		this.allowedClientSubjects = allowedClientSubjects;
	}

	/**
	 * The key set location after defaults: explicit, else Keycloak's path under the
	 * internal issuer.
	 */
	public URI effectiveJwkSetUri() {
		if (this.jwkSetUri != null) {
			return this.jwkSetUri;
		}
		URI base = (this.internalIssuerUri != null) ? this.internalIssuerUri : this.issuerUri;
		String path = base.toString().replaceAll("/+$", "");
		return URI.create(path + "/protocol/openid-connect/certs");
	}

	/** The authority claims after defaults. */
	public List<AuthorityClaim> effectiveAuthorities() {
		if (!this.authorities.isEmpty()) {
			return this.authorities;
		}
		List<AuthorityClaim> keycloak = new ArrayList<>();
		keycloak.add(new AuthorityClaim("realm_access.roles", null));
		this.audiences
			.forEach((audience) -> keycloak.add(new AuthorityClaim("resource_access." + audience + ".roles", null)));
		keycloak.add(new AuthorityClaim("azp", "client:"));
		keycloak.add(new AuthorityClaim("partner", GatewayVouching.PARTNER_AUTHORITY_PREFIX));
		return keycloak;
	}

	/**
	 * One claim holding authorities. The value may be a JSON array or a space-separated
	 * string (as {@code scp} is in Entra ID). {@code prefix} is put before each value,
	 * e.g. {@code SCOPE_}.
	 */
	public record AuthorityClaim(@NotBlank String claim, String prefix) {

		public String prefixOrEmpty() {
			return (this.prefix != null) ? this.prefix : "";
		}

	}

	/**
	 * Who may call a path: a path pattern, optionally only for some HTTP methods, and the
	 * authorities of which the caller needs at least one.
	 */
	public record AccessRule(@NotBlank String pattern, List<String> methods, @NotEmpty List<String> anyAuthority) {

		public List<String> methodsOrAll() {
			return (this.methods != null) ? this.methods : List.of();
		}

	}

	public URI getIssuerUri() {
		return this.issuerUri;
	}

	public void setIssuerUri(URI issuerUri) {
		this.issuerUri = issuerUri;
	}

	public URI getInternalIssuerUri() {
		return this.internalIssuerUri;
	}

	public void setInternalIssuerUri(URI internalIssuerUri) {
		this.internalIssuerUri = internalIssuerUri;
	}

	public URI getJwkSetUri() {
		return this.jwkSetUri;
	}

	public void setJwkSetUri(URI jwkSetUri) {
		this.jwkSetUri = jwkSetUri;
	}

	public List<String> getAudiences() {
		return this.audiences;
	}

	public void setAudiences(List<String> audiences) {
		this.audiences = audiences;
	}

	public Set<String> getAlgorithms() {
		return this.algorithms;
	}

	public void setAlgorithms(Set<String> algorithms) {
		this.algorithms = algorithms;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Duration getJwkSetCacheTtl() {
		return this.jwkSetCacheTtl;
	}

	public void setJwkSetCacheTtl(Duration jwkSetCacheTtl) {
		this.jwkSetCacheTtl = jwkSetCacheTtl;
	}

	public Duration getJwkSetRefetchMinInterval() {
		return this.jwkSetRefetchMinInterval;
	}

	public void setJwkSetRefetchMinInterval(Duration jwkSetRefetchMinInterval) {
		this.jwkSetRefetchMinInterval = jwkSetRefetchMinInterval;
	}

	public Duration getJwkSetTimeout() {
		return this.jwkSetTimeout;
	}

	public void setJwkSetTimeout(Duration jwkSetTimeout) {
		this.jwkSetTimeout = jwkSetTimeout;
	}

	public String getPrincipalClaim() {
		return this.principalClaim;
	}

	public void setPrincipalClaim(String principalClaim) {
		this.principalClaim = principalClaim;
	}

	public List<AuthorityClaim> getAuthorities() {
		return this.authorities;
	}

	public void setAuthorities(List<AuthorityClaim> authorities) {
		this.authorities = authorities;
	}

	public String getGatewayClientId() {
		return this.gatewayClientId;
	}

	public void setGatewayClientId(String gatewayClientId) {
		this.gatewayClientId = gatewayClientId;
	}

	public List<AccessRule> getRules() {
		return this.rules;
	}

	public void setRules(List<AccessRule> rules) {
		this.rules = rules;
	}

	public List<String> getPermitAll() {
		return this.permitAll;
	}

	public void setPermitAll(List<String> permitAll) {
		this.permitAll = permitAll;
	}

	public DataSize getMaxRequestBody() {
		return this.maxRequestBody;
	}

	public void setMaxRequestBody(DataSize maxRequestBody) {
		this.maxRequestBody = maxRequestBody;
	}

	public DataSize getMaxRequestHeaders() {
		return this.maxRequestHeaders;
	}

	public void setMaxRequestHeaders(DataSize maxRequestHeaders) {
		this.maxRequestHeaders = maxRequestHeaders;
	}

	/**
	 * The web server's own limit on the request line and headers: twice
	 * {@code max-request-headers}.
	 */
	public DataSize serverHeaderLimit() {
		return DataSize.ofBytes(2 * this.maxRequestHeaders.toBytes());
	}

}
