package dev.gatehouse.gateway.basic;

import org.springframework.security.core.AuthenticationException;

/**
 * As many logins are in progress as {@code gatehouse.gateway.basic.hashing.max-logins}
 * allows: the login is refused at once (429 with {@code Retry-After}), before its attempt
 * is counted, rather than queued without bound or run on the event loop.
 */
class LoginCapacityExceededException extends AuthenticationException {

	LoginCapacityExceededException(Throwable cause) {
		super("No capacity to check the password now", cause);
	}

}
