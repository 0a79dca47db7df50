package dev.gatehouse.gateway.apikey;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** Why a presented key was not accepted. The message never contains the key. */
class ApiKeyException extends AuthenticationException {

	public enum Reason {

		UNKNOWN, REVOKED, EXPIRED

	}

	private final Reason reason;

	private final String keyId;

	private final Instant expiredAt;

	ApiKeyException(Reason reason, String keyId, Instant expiredAt) {
		super("API key refused: " + reason + ((keyId != null) ? " (key id " + keyId + ")" : ""));
		this.reason = reason;
		this.keyId = keyId;
		this.expiredAt = expiredAt;
	}

	public Reason reason() {
		return this.reason;
	}

	public String keyId() {
		return this.keyId;
	}

	public Instant expiredAt() {
		return this.expiredAt;
	}

}
