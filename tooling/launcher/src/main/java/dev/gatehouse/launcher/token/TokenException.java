package dev.gatehouse.launcher.token;

/**
 * A token could not be obtained; the message says why in one line and never contains a
 * secret.
 */
public class TokenException extends RuntimeException {

	public TokenException(String message) {
		super(message);
	}

	public TokenException(String message, Throwable cause) {
		super(message, cause);
	}

}
