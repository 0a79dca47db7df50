package dev.gatehouse.gateway;

import org.springframework.web.ErrorResponseException;

/**
 * A failure that already knows its answer: a {@link GatewayProblem} and the detail for
 * this case. Thrown where a request cannot go on (a body that grows too large, no token
 * for the backend) and written by the gateway's error handler as it is.
 */
public class GatewayProblemException extends ErrorResponseException {

	public GatewayProblemException(GatewayProblem problem, String detail, Throwable cause) {
		super(problem.status(), problem.with(detail), cause);
	}

}
