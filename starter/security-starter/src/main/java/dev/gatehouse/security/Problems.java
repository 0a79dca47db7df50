package dev.gatehouse.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Problem types (RFC 9457) that Gatehouse answers with, and the one shape every error
 * body has. Types are URNs: they identify the cause without naming a host. The constants
 * are the types' names, constant so that a switch can name them; their status and title
 * are in the catalogue, {@link StarterProblem}. Modules with their own types (the
 * gateway, the services) keep a catalogue of their own under the same prefix and build
 * bodies with {@link #problem}. Catalogues are written under {@link #PREFIX}; on the wire
 * a type carries the configured prefix instead
 * ({@code gatehouse.brand.problem-type-prefix}, see {@link Brand}).
 */
public final class Problems {

	/** The prefix the catalogues are written with (the default brand's). */
	public static final String PREFIX = "urn:gatehouse:problem:";

	public static final String MISSING_TOKEN = PREFIX + "missing-token";

	public static final String MALFORMED_TOKEN = PREFIX + "malformed-token";

	public static final String EXPIRED_TOKEN = PREFIX + "expired-token";

	public static final String TOKEN_NOT_YET_VALID = PREFIX + "token-not-yet-valid";

	public static final String MISSING_EXPIRY = PREFIX + "missing-expiry";

	public static final String WRONG_ISSUER = PREFIX + "wrong-issuer";

	public static final String WRONG_AUDIENCE = PREFIX + "wrong-audience";

	public static final String BAD_SIGNATURE = PREFIX + "bad-signature";

	public static final String UNSUPPORTED_ALGORITHM = PREFIX + "unsupported-algorithm";

	public static final String INVALID_TOKEN = PREFIX + "invalid-token";

	/**
	 * RFC 8705: the token is bound to a client certificate that this request did not
	 * present.
	 */
	public static final String CERTIFICATE_BINDING_MISMATCH = PREFIX + "certificate-binding-mismatch";

	/**
	 * A sender-constrained token ({@code cnf}) where its binding cannot be verified: at a
	 * service called directly, or with a confirmation method the component does not
	 * check.
	 */
	public static final String UNVERIFIABLE_TOKEN_BINDING = PREFIX + "unverifiable-token-binding";

	/**
	 * Mutual TLS: the client certificate is valid, but its subject may not call this
	 * service.
	 */
	public static final String CLIENT_NOT_ALLOWED = PREFIX + "client-not-allowed";

	public static final String ISSUER_UNAVAILABLE = PREFIX + "issuer-unavailable";

	public static final String INSUFFICIENT_SCOPE = PREFIX + "insufficient-scope";

	public static final String VALIDATION_FAILED = PREFIX + "validation-failed";

	public static final String MALFORMED_REQUEST = PREFIX + "malformed-request";

	public static final String PAYLOAD_TOO_LARGE = PREFIX + "payload-too-large";

	public static final String HEADERS_TOO_LARGE = PREFIX + "headers-too-large";

	public static final String NOT_FOUND = PREFIX + "not-found";

	public static final String CONFLICT = PREFIX + "conflict";

	public static final String SERVICE_UNAVAILABLE = PREFIX + "service-unavailable";

	public static final String INTERNAL_ERROR = PREFIX + "internal-error";

	/**
	 * What Tomcat refuses before the application sees the request, when it is none of the
	 * above.
	 */
	public static final String REQUEST_NOT_SERVED = PREFIX + "request-not-served";

	private Problems() {
	}

	public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(Brand.current().problemType(type)));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * 503 for a token that could not be checked because the issuer's keys are
	 * unreachable.
	 */
	public static ProblemDetail issuerUnavailable() {
		return StarterProblem.ISSUER_UNAVAILABLE
			.with("The token could not be checked because the issuer's signing keys are unreachable; retry shortly.");
	}

	/**
	 * The JSON members of a problem, flat as RFC 9457 has them, for writers outside
	 * Spring MVC.
	 */
	public static Map<String, Object> body(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
