package dev.gatehouse.security;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

/**
 * The catalogue of the problems the starter answers with: each type's status and title,
 * said once here instead of at every place that refuses a request. A call site adds only
 * the detail, which tells the caller what to fix.
 */
public enum StarterProblem implements ProblemType {

	MISSING_TOKEN(Problems.MISSING_TOKEN, HttpStatus.UNAUTHORIZED, "Missing bearer token"),

	MALFORMED_TOKEN(Problems.MALFORMED_TOKEN, HttpStatus.UNAUTHORIZED, "Malformed token"),

	EXPIRED_TOKEN(Problems.EXPIRED_TOKEN, HttpStatus.UNAUTHORIZED, "Expired token"),

	TOKEN_NOT_YET_VALID(Problems.TOKEN_NOT_YET_VALID, HttpStatus.UNAUTHORIZED, "Token not yet valid"),

	MISSING_EXPIRY(Problems.MISSING_EXPIRY, HttpStatus.UNAUTHORIZED, "Token without expiry"),

	WRONG_ISSUER(Problems.WRONG_ISSUER, HttpStatus.UNAUTHORIZED, "Wrong issuer"),

	WRONG_AUDIENCE(Problems.WRONG_AUDIENCE, HttpStatus.UNAUTHORIZED, "Wrong audience"),

	BAD_SIGNATURE(Problems.BAD_SIGNATURE, HttpStatus.UNAUTHORIZED, "Invalid token signature"),

	UNSUPPORTED_ALGORITHM(Problems.UNSUPPORTED_ALGORITHM, HttpStatus.UNAUTHORIZED, "Unsupported signature algorithm"),

	INVALID_TOKEN(Problems.INVALID_TOKEN, HttpStatus.UNAUTHORIZED, "Invalid token"),

	CERTIFICATE_BINDING_MISMATCH(Problems.CERTIFICATE_BINDING_MISMATCH, HttpStatus.UNAUTHORIZED,
			"Token bound to another certificate"),

	UNVERIFIABLE_TOKEN_BINDING(Problems.UNVERIFIABLE_TOKEN_BINDING, HttpStatus.UNAUTHORIZED,
			"Token binding cannot be verified here"),

	CLIENT_NOT_ALLOWED(Problems.CLIENT_NOT_ALLOWED, HttpStatus.FORBIDDEN, "Client not allowed"),

	ISSUER_UNAVAILABLE(Problems.ISSUER_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, "Token issuer unavailable"),

	INSUFFICIENT_SCOPE(Problems.INSUFFICIENT_SCOPE, HttpStatus.FORBIDDEN, "Insufficient role"),

	VALIDATION_FAILED(Problems.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "Invalid request"),

	MALFORMED_REQUEST(Problems.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, "Malformed request"),

	PAYLOAD_TOO_LARGE(Problems.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	HEADERS_TOO_LARGE(Problems.HEADERS_TOO_LARGE, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
			"Request headers too large"),

	NOT_FOUND(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "Not found"),

	CONFLICT(Problems.CONFLICT, HttpStatus.CONFLICT, "Concurrent update"),

	INTERNAL_ERROR(Problems.INTERNAL_ERROR, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),

	REQUEST_NOT_SERVED(Problems.REQUEST_NOT_SERVED, HttpStatus.INTERNAL_SERVER_ERROR, "Request not served");

	private static final Map<String, StarterProblem> BY_TYPE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(StarterProblem::type, Function.identity()));

	private final String type;

	private final HttpStatus status;

	private final String title;

	StarterProblem(String type, HttpStatus status, String title) {
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

	/** The entry of a type, e.g. one a token validator put in its error's {@code uri}. */
	public static Optional<StarterProblem> of(String type) {
		return Optional.ofNullable((type != null) ? BY_TYPE.get(type) : null);
	}

}
