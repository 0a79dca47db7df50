package dev.gatehouse.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.gatehouse.security.Problems;

/**
 * Problem types only the gateway answers with, beside the token and route types of
 * {@link Problems}. Same URN scheme, so a client can switch on {@code type} alone.
 */
public final class GatewayProblems {

	public static final String ROUTE_NOT_FOUND = Problems.NOT_FOUND;

	public static final String METHOD_NOT_ALLOWED = Problems.PREFIX + "method-not-allowed";

	public static final String HEADERS_TOO_LARGE = Problems.HEADERS_TOO_LARGE;

	public static final String PAYLOAD_TOO_LARGE = Problems.PAYLOAD_TOO_LARGE;

	public static final String MALFORMED_REQUEST = Problems.MALFORMED_REQUEST;

	public static final String IP_NOT_ALLOWED = Problems.PREFIX + "ip-not-allowed";

	public static final String CORS_ORIGIN_NOT_ALLOWED = Problems.PREFIX + "cors-origin-not-allowed";

	public static final String MISSING_API_KEY = Problems.PREFIX + "missing-api-key";

	public static final String UNKNOWN_API_KEY = Problems.PREFIX + "unknown-api-key";

	public static final String REVOKED_API_KEY = Problems.PREFIX + "revoked-api-key";

	public static final String EXPIRED_API_KEY = Problems.PREFIX + "expired-api-key";

	public static final String API_KEY_IN_QUERY = Problems.PREFIX + "api-key-in-query";

	public static final String CREDENTIALS_IN_QUERY = Problems.PREFIX + "credentials-in-query";

	public static final String API_KEY_ROUTE_NOT_COVERED = Problems.PREFIX + "api-key-route-not-covered";

	public static final String MISSING_CLIENT_CERTIFICATE = Problems.PREFIX + "missing-client-certificate";

	public static final String REVOKED_CLIENT_CERTIFICATE = Problems.PREFIX + "revoked-client-certificate";

	public static final String CERTIFICATE_REVOCATION_UNKNOWN = Problems.PREFIX + "certificate-revocation-unknown";

	public static final String UNREGISTERED_CLIENT_CERTIFICATE = Problems.PREFIX + "unregistered-client-certificate";

	public static final String CERTIFICATE_ROUTE_NOT_COVERED = Problems.PREFIX + "certificate-route-not-covered";

	public static final String HTTPS_REQUIRED = Problems.PREFIX + "https-required";

	/** RFC 9449 {@code invalid_dpop_proof}: the DPoP header is missing or its proof does not check out. */
	public static final String INVALID_DPOP_PROOF = Problems.PREFIX + "invalid-dpop-proof";

	/** RFC 9449 {@code invalid_dpop_proof}: the proof's {@code jti} was seen before. */
	public static final String DPOP_PROOF_REPLAYED = Problems.PREFIX + "dpop-proof-replayed";

	/** RFC 9449 {@code use_dpop_nonce}: the proof lacks the server nonce the response's {@code DPoP-Nonce} names. */
	public static final String USE_DPOP_NONCE = Problems.PREFIX + "use-dpop-nonce";

	/** The token's {@code cnf.jkt} is not the proof key's thumbprint (or the token is not DPoP-bound). */
	public static final String DPOP_KEY_MISMATCH = Problems.PREFIX + "dpop-key-mismatch";

	/** A DPoP-bound token sent as {@code Authorization: Bearer}, without its proof of possession. */
	public static final String DPOP_BOUND_TOKEN_AS_BEARER = Problems.PREFIX + "dpop-bound-token-as-bearer";

	/** Replayed proofs cannot be recognised because the store does not answer: refused (fail closed). */
	public static final String DPOP_REPLAY_CHECK_UNAVAILABLE = Problems.PREFIX + "dpop-replay-check-unavailable";

	public static final String MISSING_CREDENTIALS = Problems.PREFIX + "missing-credentials";

	public static final String INVALID_CREDENTIALS = Problems.PREFIX + "invalid-credentials";

	public static final String TOO_MANY_FAILED_LOGINS = Problems.PREFIX + "too-many-failed-logins";

	public static final String TOO_MANY_FAILED_AUTHENTICATIONS = Problems.PREFIX + "too-many-failed-authentications";

	public static final String TOO_MANY_CONCURRENT_LOGINS = Problems.PREFIX + "too-many-concurrent-logins";

	public static final String BACKEND_UNAVAILABLE = Problems.PREFIX + "backend-unavailable";

	public static final String BACKEND_TIMEOUT = Problems.PREFIX + "backend-timeout";

	public static final String BAD_GATEWAY = Problems.PREFIX + "bad-gateway";

	public static final String GATEWAY_TOKEN_UNAVAILABLE = Problems.PREFIX + "gateway-token-unavailable";

	public static final String RATE_LIMITED = Problems.PREFIX + "rate-limited";

	public static final String QUOTA_EXCEEDED = Problems.PREFIX + "quota-exceeded";

	public static final String RATE_LIMIT_UNAVAILABLE = Problems.PREFIX + "rate-limit-unavailable";

	private GatewayProblems() {
	}

	public static ProblemDetail notFound(String path) {
		return Problems.problem(HttpStatus.NOT_FOUND, ROUTE_NOT_FOUND, "Not found",
				"No API is published at " + path + "; check the path (it is case-sensitive).");
	}

}
