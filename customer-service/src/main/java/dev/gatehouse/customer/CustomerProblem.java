package dev.gatehouse.customer;

import org.springframework.http.HttpStatus;

import dev.gatehouse.security.ProblemType;
import dev.gatehouse.security.Problems;

/**
 * Every problem customer-service answers with itself (RFC 9457), each once with its type,
 * status and title; the token, role and request problems are the starter's. Thrown as
 * {@link CustomerException}.
 */
enum CustomerProblem implements ProblemType {

	/** Missing, or not the caller's: the two answer alike, so ids cannot be probed. */
	CUSTOMER_NOT_FOUND(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "Customer not found"),

	/** A login owns one customer record at most. */
	OWNER_HAS_RECORD(Problems.CONFLICT, HttpStatus.CONFLICT, "Owner already has a record");

	private final String type;

	private final HttpStatus status;

	private final String title;

	CustomerProblem(String type, HttpStatus status, String title) {
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
