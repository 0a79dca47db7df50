package dev.gatehouse.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.gatehouse.security.ProblemType;
import dev.gatehouse.security.Problems;

/**
 * Every problem the gateway answers with itself (RFC 9457), each once with its type,
 * status and title; the token problems of the {@code /api/**} chain are the starter's.
 * Same URN scheme as {@link Problems}, so a client can switch on {@code type} alone. Call
 * sites add only the detail, which says what to fix.
 */
public enum GatewayProblem implements ProblemType {

	ROUTE_NOT_FOUND(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "Not found"),

	METHOD_NOT_ALLOWED(Problems.PREFIX + "method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	HEADERS_TOO_LARGE(Problems.HEADERS_TOO_LARGE, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
			"Request headers too large"),

	PAYLOAD_TOO_LARGE(Problems.PAYLOAD_TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),

	/**
	 * Any other 4xx Spring reports; {@link #with(HttpStatusCode, String)} keeps its
	 * status.
	 */
	MALFORMED_REQUEST(Problems.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, "Bad request"),

	/** Spring Security's strict firewall refused the path or a header. */
	REQUEST_NOT_CANONICAL(Problems.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, "Request not in canonical form"),

	/** A write the service's API description does not accept (before it is routed). */
	REQUEST_INVALID(Problems.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "Invalid request"),

	/** A write whose body is not JSON, checked against the service's API description. */
	MALFORMED_BODY(Problems.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, "Malformed body"),

	UNSUPPORTED_MEDIA_TYPE(Problems.PREFIX + "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
			"Unsupported content type"),

	/**
	 * {@code /api-docs/<name>} for a service whose description the gateway does not
	 * publish.
	 */
	API_NOT_FOUND(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "No such API"),

	API_DESCRIPTION_UNAVAILABLE(Problems.PREFIX + "api-description-unavailable", HttpStatus.BAD_GATEWAY,
			"API description unavailable"),

	IP_NOT_ALLOWED(Problems.PREFIX + "ip-not-allowed", HttpStatus.FORBIDDEN, "Address not allowed"),

	CORS_ORIGIN_NOT_ALLOWED(Problems.PREFIX + "cors-origin-not-allowed", HttpStatus.FORBIDDEN,
			"Cross-origin request refused"),

	API_KEY_IN_QUERY(Problems.PREFIX + "api-key-in-query", HttpStatus.BAD_REQUEST, "API key in the URL"),

	CREDENTIALS_IN_QUERY(Problems.PREFIX + "credentials-in-query", HttpStatus.BAD_REQUEST, "Credentials in the URL"),

	MISSING_API_KEY(Problems.PREFIX + "missing-api-key", HttpStatus.UNAUTHORIZED, "Missing API key"),

	UNKNOWN_API_KEY(Problems.PREFIX + "unknown-api-key", HttpStatus.UNAUTHORIZED, "Unknown API key"),

	REVOKED_API_KEY(Problems.PREFIX + "revoked-api-key", HttpStatus.UNAUTHORIZED, "Revoked API key"),

	EXPIRED_API_KEY(Problems.PREFIX + "expired-api-key", HttpStatus.UNAUTHORIZED, "Expired API key"),

	/** The old key of a rotation, past the time its partner chose for it to stop. */
	RETIRED_API_KEY(Problems.PREFIX + "retired-api-key", HttpStatus.UNAUTHORIZED, "Retired API key"),

	/**
	 * The key store (Redis) does not answer: keys cannot be checked, so none is accepted.
	 */
	API_KEY_STORE_UNAVAILABLE(Problems.PREFIX + "api-key-store-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"API key store unavailable"),

	/** The key API without the {@code partner-admin} role, or without a partner. */
	PARTNER_ADMIN_REQUIRED(Problems.PREFIX + "partner-admin-required", HttpStatus.FORBIDDEN,
			"Partner administrator required"),

	/** The key API on a key of a partner other than the caller's. */
	API_KEY_OF_ANOTHER_PARTNER(Problems.PREFIX + "api-key-of-another-partner", HttpStatus.FORBIDDEN,
			"API key of another partner"),

	API_KEY_NOT_FOUND(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "No such API key"),

	/**
	 * A rotation that would leave the partner more current keys than allowed, or none to
	 * rotate.
	 */
	API_KEY_CONFLICT(Problems.CONFLICT, HttpStatus.CONFLICT, "API key rotation not possible"),

	API_KEY_ROUTE_NOT_COVERED(Problems.PREFIX + "api-key-route-not-covered", HttpStatus.FORBIDDEN,
			"Route not covered by the API key"),

	MISSING_CLIENT_CERTIFICATE(Problems.PREFIX + "missing-client-certificate", HttpStatus.UNAUTHORIZED,
			"Missing client certificate"),

	REVOKED_CLIENT_CERTIFICATE(Problems.PREFIX + "revoked-client-certificate", HttpStatus.UNAUTHORIZED,
			"Revoked client certificate"),

	CERTIFICATE_REVOCATION_UNKNOWN(Problems.PREFIX + "certificate-revocation-unknown", HttpStatus.UNAUTHORIZED,
			"Certificate revocation status unknown"),

	UNREGISTERED_CLIENT_CERTIFICATE(Problems.PREFIX + "unregistered-client-certificate", HttpStatus.UNAUTHORIZED,
			"Unregistered client certificate"),

	CERTIFICATE_ROUTE_NOT_COVERED(Problems.PREFIX + "certificate-route-not-covered", HttpStatus.FORBIDDEN,
			"Route not covered by the client certificate"),

	HTTPS_REQUIRED(Problems.PREFIX + "https-required", HttpStatus.FORBIDDEN, "HTTPS required"),

	/**
	 * RFC 9449 {@code invalid_dpop_proof}: the DPoP header is missing or its proof does
	 * not check out.
	 */
	INVALID_DPOP_PROOF(Problems.PREFIX + "invalid-dpop-proof", HttpStatus.UNAUTHORIZED, "Invalid DPoP proof"),

	/** RFC 9449 {@code invalid_dpop_proof}: the proof's {@code jti} was seen before. */
	DPOP_PROOF_REPLAYED(Problems.PREFIX + "dpop-proof-replayed", HttpStatus.UNAUTHORIZED, "DPoP proof replayed"),

	/**
	 * RFC 9449 {@code use_dpop_nonce}: the proof lacks the server nonce the response's
	 * {@code DPoP-Nonce} names.
	 */
	USE_DPOP_NONCE(Problems.PREFIX + "use-dpop-nonce", HttpStatus.UNAUTHORIZED, "DPoP nonce required"),

	/**
	 * The token's {@code cnf.jkt} is not the proof key's thumbprint (or the token is not
	 * DPoP-bound).
	 */
	DPOP_KEY_MISMATCH(Problems.PREFIX + "dpop-key-mismatch", HttpStatus.UNAUTHORIZED,
			"Token bound to another DPoP key"),

	/** {@code Authorization: DPoP} with a value that is not a JWT. */
	MALFORMED_DPOP_TOKEN(Problems.MALFORMED_TOKEN, HttpStatus.UNAUTHORIZED, "Malformed token"),

	/**
	 * A DPoP-bound token sent as {@code Authorization: Bearer}, without its proof of
	 * possession.
	 */
	DPOP_BOUND_TOKEN_AS_BEARER(Problems.PREFIX + "dpop-bound-token-as-bearer", HttpStatus.UNAUTHORIZED,
			"DPoP-bound token sent as Bearer"),

	/**
	 * Replayed proofs cannot be recognised because the store does not answer: refused
	 * (fail closed).
	 */
	DPOP_REPLAY_CHECK_UNAVAILABLE(Problems.PREFIX + "dpop-replay-check-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"DPoP replay check unavailable"),

	ISSUER_UNAVAILABLE(Problems.ISSUER_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, "Token issuer unavailable"),

	MISSING_CREDENTIALS(Problems.PREFIX + "missing-credentials", HttpStatus.UNAUTHORIZED, "Missing credentials"),

	INVALID_CREDENTIALS(Problems.PREFIX + "invalid-credentials", HttpStatus.UNAUTHORIZED, "Invalid credentials"),

	/** A method the internal (Basic) routes do not accept: they are read-only. */
	INTERNAL_READ_ONLY(Problems.INSUFFICIENT_SCOPE, HttpStatus.FORBIDDEN, "Not allowed"),

	TOO_MANY_FAILED_LOGINS(Problems.PREFIX + "too-many-failed-logins", HttpStatus.TOO_MANY_REQUESTS,
			"Too many failed logins"),

	TOO_MANY_CONCURRENT_LOGINS(Problems.PREFIX + "too-many-concurrent-logins", HttpStatus.TOO_MANY_REQUESTS,
			"Too many logins at once"),

	TOO_MANY_FAILED_AUTHENTICATIONS(Problems.PREFIX + "too-many-failed-authentications", HttpStatus.TOO_MANY_REQUESTS,
			"Too many failed authentications"),

	RATE_LIMITED(Problems.PREFIX + "rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded"),

	QUOTA_EXCEEDED(Problems.PREFIX + "quota-exceeded", HttpStatus.TOO_MANY_REQUESTS, "Quota exceeded"),

	/**
	 * Rate limits, quotas or failed logins cannot be counted, on a route or a login that
	 * fails closed.
	 */
	RATE_LIMIT_UNAVAILABLE(Problems.PREFIX + "rate-limit-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"Rate limit unavailable"),

	BACKEND_UNAVAILABLE(Problems.PREFIX + "backend-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Backend unavailable"),

	BACKEND_TIMEOUT(Problems.PREFIX + "backend-timeout", HttpStatus.GATEWAY_TIMEOUT, "Backend timeout"),

	BAD_GATEWAY(Problems.PREFIX + "bad-gateway", HttpStatus.BAD_GATEWAY, "Bad gateway"),

	GATEWAY_TOKEN_UNAVAILABLE(Problems.PREFIX + "gateway-token-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"Gateway credentials unavailable"),

	/** A call of the portal's API without a portal session. */
	PORTAL_SIGN_IN_REQUIRED(Problems.PREFIX + "portal-sign-in-required", HttpStatus.UNAUTHORIZED, "Sign-in required"),

	/** A write to the portal without the session's CSRF token. */
	PORTAL_CSRF_REFUSED(Problems.PREFIX + "csrf-token-invalid", HttpStatus.FORBIDDEN, "CSRF token missing or invalid"),

	INTERNAL_ERROR(Problems.INTERNAL_ERROR, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private final String type;

	private final HttpStatus status;

	private final String title;

	GatewayProblem(String type, HttpStatus status, String title) {
		this.type = type;
		this.status = status;
		this.title = title;
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

	/**
	 * With another status than the catalogue's, for a problem that stands for a range (a
	 * 4xx).
	 */
	public ProblemDetail with(HttpStatusCode status, String detail) {
		return Problems.problem(status, this.type, this.title, detail);
	}

	public static ProblemDetail notFound(String path) {
		return ROUTE_NOT_FOUND.with("No API is published at " + path + "; check the path (it is case-sensitive).");
	}

}
