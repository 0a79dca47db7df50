package dev.gatehouse.gateway.dpop;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * The replay store did not answer in time: a proof that cannot be checked for reuse is
 * refused.
 */
class ReplayCheckUnavailableException extends AuthenticationServiceException {

	ReplayCheckUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
