package dev.gatehouse.platform;

/** gatehouse.yaml cannot be read or lacks an entry; the message names the entry. */
public class PlatformDescriptionException extends RuntimeException {

	public PlatformDescriptionException(String message) {
		super(message);
	}

}
