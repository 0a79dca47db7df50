package dev.gatehouse.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * A client's DPoP key (EC P-256, RFC 9449) and the proofs it signs, right by default and
 * wrong in exactly the way a test asks for. {@link #thumbprint()} is what a bound token's
 * {@code cnf.jkt} holds ({@code TokenBuilder.claim("cnf", key.confirmation())}).
 */
public final class DpopKey {

	private final ECKey key;

	private DpopKey(ECKey key) {
		this.key = key;
	}

	public static DpopKey generate() {
		try {
			return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** RFC 7638 SHA-256 thumbprint of the public key. */
	public String thumbprint() {
		try {
			return this.key.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The {@code cnf} claim of a token bound to this key. */
	public Map<String, Object> confirmation() {
		return Map.of("jkt", thumbprint());
	}

	/** A proof for a request, to be adjusted before {@link Proof#build()}. */
	public Proof proof(String method, String uri) {
		return new Proof(this, method, uri);
	}

	/** Base64url SHA-256 of a token: a proof's {@code ath}. */
	public static String ath(String accessToken) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One proof: {@code htm}, {@code htu}, a fresh {@code jti} and {@code iat} now,
	 * signed ES256 with the public key in {@code jwk}.
	 */
	public static final class Proof {

		private final DpopKey signer;

		private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

		private String type = "dpop+jwt";

		private JWK headerKey;

		private boolean privateKeyInHeader;

		private Proof(DpopKey signer, String method, String uri) {
			this.signer = signer;
			this.headerKey = signer.key.toPublicJWK();
			this.claims.jwtID(UUID.randomUUID().toString())
				.claim("htm", method)
				.claim("htu", uri)
				.issueTime(new Date());
		}

		/** Binds the proof to the access token sent with it ({@code ath}). */
		public Proof accessToken(String token) {
			this.claims.claim("ath", ath(token));
			return this;
		}

		public Proof nonce(String nonce) {
			this.claims.claim("nonce", nonce);
			return this;
		}

		public Proof issuedAt(Instant instant) {
			this.claims.issueTime(Date.from(instant));
			return this;
		}

		public Proof jti(String jti) {
			this.claims.jwtID(jti);
			return this;
		}

		public Proof claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		public Proof type(String type) {
			this.type = type;
			return this;
		}

		/** Puts another key in the {@code jwk} header than the one that signs. */
		public Proof headerKey(DpopKey other) {
			this.headerKey = other.key.toPublicJWK();
			return this;
		}

		/** Puts the private key in the {@code jwk} header, as a careless client might. */
		public Proof privateKeyInHeader() {
			this.privateKeyInHeader = true;
			return this;
		}

		/** No {@code jwk} header at all. */
		public Proof noHeaderKey() {
			this.headerKey = null;
			return this;
		}

		public String build() {
			try {
				if (this.privateKeyInHeader) {
					// Nimbus will not put a private key in a header; written by hand.
					Map<String, Object> header = header(JWSAlgorithm.ES256).toJSONObject();
					header.put("jwk", this.signer.key.toJSONObject());
					String signingInput = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
							+ Base64URL.encode(this.claims.build().toString());
					Base64URL signature = new ECDSASigner(this.signer.key).sign(new JWSHeader(JWSAlgorithm.ES256),
							signingInput.getBytes(StandardCharsets.US_ASCII));
					return signingInput + "." + signature;
				}
				SignedJWT proof = new SignedJWT(header(JWSAlgorithm.ES256), this.claims.build());
				proof.sign(new ECDSASigner(this.signer.key));
				return proof.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** {@code alg: none}. */
		public String buildUnsigned() {
			return new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType(this.type)).build(),
					this.claims.build())
				.serialize();
		}

		/**
		 * HS256 with a secret: symmetric, so anyone who verifies it could have made it.
		 */
		public String buildHmac() {
			try {
				SignedJWT proof = new SignedJWT(header(JWSAlgorithm.HS256), this.claims.build());
				proof.sign(new MACSigner("a-shared-secret-of-at-least-256-bits-length!!"));
				return proof.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private JWSHeader header(JWSAlgorithm algorithm) {
			JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType(this.type));
			if (this.headerKey != null) {
				header.jwk(this.headerKey);
			}
			return header.build();
		}

	}

}
