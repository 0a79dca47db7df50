package dev.gatehouse.policy;

import org.springframework.http.HttpStatus;

import dev.gatehouse.security.ProblemType;
import dev.gatehouse.security.Problems;

/**
 * Every problem policy-service answers with itself (RFC 9457), each once with its type,
 * status and title; the token, role and request problems are the starter's. Thrown as
 * {@link PolicyException}.
 */
enum PolicyProblem implements ProblemType {

	/** Missing, or not the caller's: the two answer alike, so ids cannot be probed. */
	POLICY_NOT_FOUND(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "Policy not found"),

	/** The customer a new policy names does not exist, or is not the caller's. */
	UNKNOWN_CUSTOMER(Problems.PREFIX + "unknown-customer", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown customer"),

	/** QUOTED is where policies start, never where they go. */
	STATUS_NOT_A_TARGET(Problems.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "Invalid request"),

	STATUS_CHANGE_NOT_POSSIBLE(Problems.CONFLICT, HttpStatus.CONFLICT, "Status change not possible"),

	/** customer-service could not be asked; answered with {@code Retry-After}. */
	CUSTOMER_RECORDS_UNAVAILABLE(Problems.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
			"Customer records unavailable"),

	/**
	 * A gateway token without the identity the gateway vouches for: a gateway fault, not
	 * guessed at.
	 */
	MISSING_CALLER_IDENTITY(Problems.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "Missing caller identity");

	private final String type;

	private final HttpStatus status;

	private final String title;

	PolicyProblem(String type, HttpStatus status, String title) {
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

}
