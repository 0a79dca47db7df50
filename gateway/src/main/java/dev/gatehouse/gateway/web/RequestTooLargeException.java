package dev.gatehouse.gateway.web;

import org.springframework.util.unit.DataSize;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.GatewayProblemException;

/**
 * A request body grew past the limit while it streamed through; ends as a 413 problem.
 */
class RequestTooLargeException extends GatewayProblemException {

	/**
	 * @param limit the configured limit, or null when the refusal came from elsewhere
	 */
	RequestTooLargeException(DataSize limit) {
		super(GatewayProblem.PAYLOAD_TOO_LARGE, detail(limit), null);
	}

	private static String detail(DataSize limit) {
		String size = (limit != null) ? "the " + limit.toKilobytes() + " KB" : "what";
		return "The request body is larger than " + size + " this gateway accepts; send a smaller body.";
	}

}
