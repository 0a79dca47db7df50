package dev.gatehouse.gateway.backend;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.GatewayProblemException;

/**
 * The gateway could not get its own client-credentials token; the caller gets a 503
 * problem.
 */
class GatewayTokenUnavailableException extends GatewayProblemException {

	GatewayTokenUnavailableException(Throwable cause) {
		super(GatewayProblem.GATEWAY_TOKEN_UNAVAILABLE,
				"The gateway could not obtain its own access token for the backend; retry shortly.", cause);
	}

}
