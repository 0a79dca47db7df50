package dev.gatehouse.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How keys are stored: SHA-256, lower-case hex. A slow password hash (bcrypt) protects
 * low-entropy secrets people choose; these keys are 128 random bits, which no one can
 * find from their SHA-256, so a slow hash would add only CPU cost on every call (and a
 * denial-of-service lever). A fast, unsalted hash also lets the gateway find the key by
 * its hash in a map.
 */
public final class ApiKeyHashes {

	private ApiKeyHashes() {
	}

	/** A configured hash as the store keeps it: lower-case. */
	static String normalized(String sha256) {
		return sha256.toLowerCase(Locale.ROOT);
	}

	public static String sha256(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
