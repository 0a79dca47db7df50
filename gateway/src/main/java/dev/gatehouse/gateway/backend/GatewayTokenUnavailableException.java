package dev.gatehouse.gateway.backend;

/** The gateway could not get its own client-credentials token; the caller gets a 503 problem. */
public class GatewayTokenUnavailableException extends RuntimeException {

	GatewayTokenUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
