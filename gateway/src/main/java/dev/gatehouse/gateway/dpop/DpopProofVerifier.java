package dev.gatehouse.gateway.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import dev.gatehouse.security.SenderConstraints;

/**
 * Checks a DPoP proof for one request (RFC 9449 section 4.3 and 7.1), everything but its
 * single use ({@link ProofReplays}, which may have to ask Redis). Spring Security's
 * {@link DPoPProofJwtDecoderFactory} does the cryptography: {@code typ} {@code dpop+jwt},
 * an RSA or EC algorithm, a public {@code jwk} header and the signature made with it. Its
 * claim checks are replaced here (they compare {@code htu} as a plain string, accept
 * {@code iat} 60 s either side, keep {@code jti}s in a 1000-entry map per JVM, and know
 * no nonces), as is its servlet-only authentication filter: Spring Security 7 has no DPoP
 * support for WebFlux. Nimbus's {@code DPoPProtectedResourceRequestVerifier} was the
 * alternative; it refuses any nonce it was not told to expect and checks single use
 * synchronously, which does not fit a reactive gateway with rotating nonces. The header
 * is looked at first so that each refusal names its cause.
 */
final class DpopProofVerifier {

	private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

	private static final int MAX_JTI_LENGTH = 256;

	private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

	private final Set<String> algorithms;

	private final Duration lifetime;

	private final Duration skew;

	private final Clock clock;

	DpopProofVerifier(DpopProperties properties, Clock clock) {
		this.algorithms = Set.copyOf(properties.getAlgorithms());
		this.lifetime = properties.getProofLifetime();
		this.skew = properties.getClockSkew();
		this.clock = clock;
		// Only the decoder's own checks (type, algorithm family, jwk, signature); the
		// claims follow below.
		this.decoders.setJwtValidatorFactory((context) -> (proof) -> OAuth2TokenValidatorResult.success());
	}

	/**
	 * @param proof the {@code DPoP} header's value
	 * @param method the request's method
	 * @param targetUri the request's URI as the client addressed it ({@link TargetUris})
	 * @param accessToken the validated access token sent with it
	 * @param nonces the nonces a proof may carry, or null when none is required
	 * @return the proof's {@code jti} and key thumbprint, for the replay check
	 * @throws DpopException what is wrong, first thing first
	 */
	VerifiedProof verify(String proof, String method, String targetUri, Jwt accessToken, Set<String> nonces) {
		SignedJWT parsed = checkHeader(proof);
		Jwt claims = decode(proof, method, targetUri, accessToken);
		String jti = claims.getId();
		if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
			throw DpopException.invalidProof("The DPoP proof needs a jti (at most " + MAX_JTI_LENGTH
					+ " characters): give each proof a new random one.");
		}
		String htm = claims.getClaimAsString("htm");
		if (!method.equals(htm)) {
			throw DpopException.invalidProof("The DPoP proof's htm is not this request's method " + method
					+ ": make the proof for the request you send.");
		}
		if (!targetUri.equals(TargetUris.normalize(claims.getClaimAsString("htu")))) {
			throw DpopException.invalidProof("The DPoP proof's htu is not this request's URI " + targetUri
					+ " (without query and fragment): make the proof for the URL you call.");
		}
		checkIssuedAt(claims.getIssuedAt());
		String ath = claims.getClaimAsString("ath");
		if (ath == null || !MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
				hash(accessToken.getTokenValue()).getBytes(StandardCharsets.US_ASCII))) {
			throw DpopException
				.invalidProof("The DPoP proof's ath must be the base64url SHA-256 hash of the access token "
						+ "sent with it: make the proof for this token.");
		}
		String thumbprint = thumbprint(parsed.getHeader().getJWK());
		String bound = SenderConstraints.value(accessToken, SenderConstraints.KEY_THUMBPRINT);
		if (bound == null || !MessageDigest.isEqual(bound.getBytes(StandardCharsets.US_ASCII),
				thumbprint.getBytes(StandardCharsets.US_ASCII))) {
			throw DpopException
				.keyMismatch("The access token is bound to another key (cnf.jkt) than the one that signed "
						+ "the DPoP proof: sign proofs with the key the token was issued for.");
		}
		if (nonces != null) {
			String nonce = claims.getClaimAsString("nonce");
			if (nonce == null) {
				throw DpopException
					.useNonce("This API requires a server nonce in DPoP proofs: repeat the request with a "
							+ "new proof whose nonce claim is this response's DPoP-Nonce header.");
			}
			if (!nonces.contains(nonce)) {
				throw DpopException
					.useNonce("The DPoP proof's nonce is not current: repeat the request with a new proof "
							+ "whose nonce claim is this response's DPoP-Nonce header.");
			}
		}
		return new VerifiedProof(jti, thumbprint);
	}

	/** What the decoder would also refuse, with a message that names the cause. */
	private SignedJWT checkHeader(String proof) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(proof);
		}
		catch (ParseException ex) {
			if (privateKeyInHeader(proof)) {
				throw privateKey();
			}
			throw DpopException.invalidProof("The DPoP header is not a JWT: send a signed dpop+jwt proof.");
		}
		if (!(parsed instanceof SignedJWT signed)) {
			throw DpopException.invalidProof("The DPoP proof is not signed (alg none is refused): sign it with "
					+ String.join(", ", this.algorithms) + ".");
		}
		JWSHeader header = signed.getHeader();
		if (!DPOP_TYPE.equals(header.getType())) {
			throw DpopException.invalidProof("The DPoP proof's typ must be dpop+jwt.");
		}
		if (!this.algorithms.contains(header.getAlgorithm().getName())) {
			throw DpopException.invalidProof("The DPoP proof is signed with " + header.getAlgorithm().getName()
					+ "; only asymmetric algorithms are accepted: " + String.join(", ", this.algorithms) + ".");
		}
		JWK jwk = header.getJWK();
		if (jwk == null) {
			throw DpopException.invalidProof("The DPoP proof must carry its public key in the jwk header.");
		}
		if (jwk.isPrivate()) {
			throw privateKey();
		}
		return signed;
	}

	private static DpopException privateKey() {
		return DpopException.invalidProof("The DPoP proof's jwk header holds a private key: send the public key "
				+ "only, and replace that key pair, it is no longer secret.");
	}

	/**
	 * Nimbus refuses to parse such a header at all; this tells that cause from a
	 * malformed proof.
	 */
	private static boolean privateKeyInHeader(String proof) {
		try {
			int dot = proof.indexOf('.');
			Map<String, Object> header = JSONObjectUtils
				.parse(new Base64URL(proof.substring(0, Math.max(dot, 0))).decodeToString());
			return header.get("jwk") instanceof Map<?, ?> jwk && (jwk.containsKey("d") || jwk.containsKey("k"));
		}
		catch (ParseException | RuntimeException ex) {
			return false;
		}
	}

	private Jwt decode(String proof, String method, String targetUri, Jwt accessToken) {
		DPoPProofContext context;
		try {
			context = DPoPProofContext.withDPoPProof(proof)
				.method(method)
				.targetUri(targetUri)
				.accessToken(accessToken)
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw DpopException.invalidProof("DPoP proofs are accepted for standard HTTP methods only.");
		}
		try {
			return this.decoders.createDecoder(context).decode(proof);
		}
		catch (JwtException ex) {
			throw DpopException.invalidProof("The DPoP proof's signature does not verify with the public key in its "
					+ "jwk header (or its claims are not a JSON object): sign it with the private key of that public key.");
		}
	}

	private void checkIssuedAt(Instant issuedAt) {
		Instant now = this.clock.instant();
		if (issuedAt == null || issuedAt.isBefore(now.minus(this.lifetime).minus(this.skew))
				|| issuedAt.isAfter(now.plus(this.skew))) {
			throw DpopException.invalidProof("The DPoP proof's iat must be the time it was made, at most "
					+ this.lifetime.toSeconds() + " s ago (clocks may differ by " + this.skew.toSeconds()
					+ " s): make a new proof for every request and check your clock.");
		}
	}

	/**
	 * Base64url of the SHA-256 of the text's bytes: RFC 9449's {@code ath} of a token
	 * (ASCII).
	 */
	static String hash(String text) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** RFC 7638 SHA-256 thumbprint, as {@code cnf.jkt} carries it. */
	private static String thumbprint(JWK jwk) {
		try {
			return jwk.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw DpopException.invalidProof("The DPoP proof's jwk header is not a usable public key.");
		}
	}

	/** A proof that checked out, but for its single use. */
	record VerifiedProof(String jti, String thumbprint) {
	}

}
