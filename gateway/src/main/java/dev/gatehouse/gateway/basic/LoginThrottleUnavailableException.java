package dev.gatehouse.gateway.basic;

import org.springframework.security.core.AuthenticationException;

/**
 * The shared store of failed logins did not answer in time: the login is refused (503)
 * rather than checked without counting, since an uncounted login would let guessing run
 * unthrottled.
 */
class LoginThrottleUnavailableException extends AuthenticationException {

	LoginThrottleUnavailableException(Throwable cause) {
		super("Failed-login store unavailable", cause);
	}

}
