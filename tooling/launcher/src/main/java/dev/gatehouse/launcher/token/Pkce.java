package dev.gatehouse.launcher.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Proof Key for Code Exchange, S256 method (RFC 7636). */
public record Pkce(String verifier, String challenge) {

	public static final String METHOD = "S256";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/** A fresh verifier: 32 random bytes, base64url, 43 characters. */
	public static Pkce generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return of(BASE64URL.encodeToString(bytes));
	}

	public static Pkce of(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return new Pkce(verifier, BASE64URL.encodeToString(digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/** Random value for {@code state} and {@code nonce}. */
	static String randomToken() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "Pkce[challenge=" + challenge + "]";
	}
}
