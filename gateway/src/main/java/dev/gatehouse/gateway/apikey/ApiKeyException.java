package dev.gatehouse.gateway.apikey;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** Why a presented key was not accepted. The message never contains the key. */
class ApiKeyException extends AuthenticationException {

	public enum Reason {

		UNKNOWN, REVOKED, EXPIRED, RETIRED,

		/** The store did not answer: the key could not be checked. */
		UNAVAILABLE

	}

	private final Reason reason;

	private final String keyId;

	private final Instant endedAt;

	ApiKeyException(Reason reason, String keyId, Instant endedAt) {
		super("API key refused: " + reason + ((keyId != null) ? " (key id " + keyId + ")" : ""));
		this.reason = reason;
		this.keyId = keyId;
		this.endedAt = endedAt;
	}

	public Reason reason() {
		return this.reason;
	}

	public String keyId() {
		return this.keyId;
	}

	/** When an expired key expired, or a retired one retired. */
	public Instant endedAt() {
		return this.endedAt;
	}

}
