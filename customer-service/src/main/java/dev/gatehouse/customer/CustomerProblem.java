package dev.gatehouse.customer;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import dev.gatehouse.security.Problems;

/**
 * Every problem customer-service answers with itself (RFC 9457), each once with its type,
 * status and title; the token, role and request problems are the starter's. Thrown as
 * {@link CustomerException}.
 */
enum CustomerProblem {

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

	HttpStatus status() {
		return this.status;
	}

	ProblemDetail with(String detail) {
		return Problems.problem(this.status, this.type, this.title, detail);
	}

}
