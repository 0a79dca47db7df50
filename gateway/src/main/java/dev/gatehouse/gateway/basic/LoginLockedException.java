package dev.gatehouse.gateway.basic;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed logins for this user or from this address; the password was not
 * checked.
 */
class LoginLockedException extends AuthenticationException {

	private final Duration retryAfter;

	LoginLockedException(Duration retryAfter) {
		super("Too many failed logins");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
