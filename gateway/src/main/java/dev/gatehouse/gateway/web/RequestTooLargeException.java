package dev.gatehouse.gateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

import dev.gatehouse.gateway.GatewayProblems;
import dev.gatehouse.security.Problems;

/** A request body grew past the limit while it streamed through; ends as a 413 problem. */
public class RequestTooLargeException extends RuntimeException {

	private final DataSize limit;

	public RequestTooLargeException(DataSize limit) {
		super("request body exceeds " + limit);
		this.limit = limit;
	}

	public ProblemDetail problem() {
		return problem(this.limit);
	}

	/** @param limit the configured limit, or null when the refusal came from elsewhere */
	public static ProblemDetail problem(DataSize limit) {
		String size = (limit != null) ? "the " + limit.toKilobytes() + " KB" : "what";
		return Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, GatewayProblems.PAYLOAD_TOO_LARGE,
				"Request body too large",
				"The request body is larger than " + size + " this gateway accepts; send a smaller body.");
	}

}
