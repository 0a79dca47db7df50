package dev.gatehouse.bench.jmh;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import dev.gatehouse.security.internal.ClaimAuthoritiesConverter;
import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.internal.JwtDecoders;
import dev.gatehouse.security.internal.KeycloakJwtAuthenticationConverter;
import dev.gatehouse.test.TestIssuer;

/**
 * The per-request cost of a bearer token, with the signing keys already cached (the key
 * set is fetched once from {@link TestIssuer}'s JWKS endpoint during set-up, as the
 * gateway fetches it from Keycloak): a bare JDK RS256 verification as the floor, the
 * starter's Nimbus processor, the starter's servlet and reactive decoders (processor +
 * Spring's validators and claim conversion; the reactive one also hops to
 * {@code boundedElastic} as the gateway does), and the mapping of claims to authorities
 * and to an authentication.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JwtBenchmarks extends BenchmarkState {

	private TestIssuer issuer;

	private String token;

	private RSAPublicKey publicKey;

	private byte[] signingInput;

	private byte[] signature;

	private DefaultJWTProcessor<SecurityContext> processor;

	private NimbusJwtDecoder servletDecoder;

	private NimbusReactiveJwtDecoder reactiveDecoder;

	private Jwt jwt;

	private ClaimAuthoritiesConverter authorities;

	private KeycloakJwtAuthenticationConverter authentication;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.issuer = TestIssuer.start();
		// Shaped like Keycloak's client-credentials token for reporting-batch; valid for
		// the whole trial.
		this.token = this.issuer.clientToken("reporting-batch", "customer:read", "policy:read")
			.claim("exp", Date.from(Instant.now().plus(Duration.ofHours(6))))
			.claim("resource_access", java.util.Map.of("account", java.util.Map.of("roles", List.of("view-profile"))))
			.build();
		this.publicKey = this.issuer.signingKey().toRSAPublicKey();
		int lastDot = this.token.lastIndexOf('.');
		this.signingInput = this.token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
		this.signature = Base64.getUrlDecoder().decode(this.token.substring(lastDot + 1));

		GatehouseSecurityProperties properties = new GatehouseSecurityProperties();
		properties.setIssuerUri(URI.create(this.issuer.issuerUri()));
		properties.setAudiences(List.of(TestIssuer.AUDIENCE));
		this.processor = JwtDecoders.processor(properties);
		this.servletDecoder = JwtDecoders.servlet(properties);
		this.reactiveDecoder = JwtDecoders.reactive(properties);
		this.authorities = new ClaimAuthoritiesConverter(properties.effectiveAuthorities());
		this.authentication = new KeycloakJwtAuthenticationConverter(properties);

		// Fetch the keys now, so every measured call finds them cached.
		JWTClaimsSet claims = this.processor.process(this.token, null);
		this.jwt = this.servletDecoder.decode(this.token);
		this.reactiveDecoder.decode(this.token).block();
		if (!claims.getAudience().contains(TestIssuer.AUDIENCE) || !jdkVerify()) {
			throw new IllegalStateException("set-up token does not verify");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.issuer.close();
	}

	private boolean jdkVerify() throws Exception {
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(this.publicKey);
		verifier.update(this.signingInput);
		return verifier.verify(this.signature);
	}

	/** The floor: one RS256 signature check with the JDK's provider, no parsing. */
	@Benchmark
	public boolean jdkRs256Verify() throws Exception {
		return jdkVerify();
	}

	/**
	 * Parse, select the cached key, verify the signature (the starter's Nimbus processor;
	 * claims not checked).
	 */
	@Benchmark
	public JWTClaimsSet nimbusProcess() throws Exception {
		return this.processor.process(this.token, null);
	}

	/**
	 * The servlet services' decoder: processor, Spring's claim conversion and the
	 * starter's validators.
	 */
	@Benchmark
	public Jwt servletDecoderDecode() {
		return this.servletDecoder.decode(this.token);
	}

	/**
	 * The gateway's decoder, including its hop to boundedElastic and back (block() waits
	 * for it).
	 */
	@Benchmark
	public Jwt reactiveDecoderDecode() {
		return this.reactiveDecoder.decode(this.token).block();
	}

	/** Claims to authorities (realm roles, resource roles, client:azp). */
	@Benchmark
	public Collection<GrantedAuthority> authorityMapping() {
		return this.authorities.convert(this.jwt);
	}

	/**
	 * Claims to the authentication the security chain stores (principal claim,
	 * authorities).
	 */
	@Benchmark
	public AbstractAuthenticationToken authenticationConversion() {
		return this.authentication.convert(this.jwt);
	}

}
