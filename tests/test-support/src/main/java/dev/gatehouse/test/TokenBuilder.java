package dev.gatehouse.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Builds a Keycloak-shaped access token and lets a test break exactly one thing about it.
 */
public final class TokenBuilder {

	private final TestIssuer issuer;

	private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

	private RSAKey key;

	private TokenBuilder(TestIssuer issuer) {
		this.issuer = issuer;
		this.key = issuer.signingKey();
	}

	TokenBuilder(TestIssuer issuer, String username, List<String> realmRoles) {
		this(issuer);
		Instant now = Instant.now();
		this.claims.issuer(issuer.issuerUri())
			.subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
			.audience(List.of(TestIssuer.AUDIENCE, "account"))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("typ", "Bearer")
			.claim("preferred_username", username)
			.claim("scope", "openid profile email")
			.claim("realm_access", Map.of("roles", realmRoles));
	}

	public TokenBuilder authorizedParty(String clientId) {
		this.claims.claim("azp", clientId);
		return this;
	}

	public TokenBuilder claim(String name, Object value) {
		this.claims.claim(name, value);
		return this;
	}

	/**
	 * Sets {@code exp}, and {@code iat} five minutes before it, as Keycloak would have
	 * issued it.
	 */
	public TokenBuilder expiresAt(Instant instant) {
		this.claims.expirationTime((instant != null) ? Date.from(instant) : null);
		if (instant != null) {
			this.claims.issueTime(Date.from(instant.minus(Duration.ofMinutes(5))));
		}
		return this;
	}

	public TokenBuilder notBefore(Instant instant) {
		this.claims.notBeforeTime(Date.from(instant));
		return this;
	}

	public TokenBuilder issuer(String issuerUri) {
		this.claims.issuer(issuerUri);
		return this;
	}

	public TokenBuilder audience(String... audience) {
		this.claims.audience(List.of(audience));
		return this;
	}

	public TokenBuilder signedBy(RSAKey otherKey) {
		this.key = otherKey;
		return this;
	}

	/** The compact serialization, signed RS256 with the current key. */
	public String build() {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
				.keyID(this.key.getKeyID())
				.build(), this.claims.build());
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The same claims unsigned, {@code alg: none}. */
	public String buildUnsigned() {
		return new PlainJWT(this.claims.build()).serialize();
	}

	/**
	 * HS256 with the issuer's public key as the HMAC secret: the classic key-confusion
	 * attack on verifiers that take the algorithm from the token.
	 */
	public String buildHmacWithPublicKey() {
		try {
			byte[] secret = this.issuer.signingKey().toPublicJWK().toRSAPublicKey().getEncoded();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
				.keyID(this.key.getKeyID())
				.build(), this.claims.build());
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A validly signed token whose payload is then swapped for one with extra roles. */
	public String buildTampered() {
		String[] parts = build().split("\\.");
		Map<String, Object> forged = new HashMap<>(this.claims.build().toJSONObject());
		forged.put("realm_access",
				Map.of("roles", List.of("agent", "underwriter", "customer:write", "policy:approve")));
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(JSONObjectUtils.toJSONString(forged).getBytes(StandardCharsets.UTF_8));
		return parts[0] + "." + payload + "." + parts[2];
	}

}
