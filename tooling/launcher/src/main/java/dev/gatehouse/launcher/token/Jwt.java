package dev.gatehouse.launcher.token;

import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JWT's claims without checking its signature: for tests and tools that inspect
 * tokens they just obtained.
 */
public final class Jwt {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Jwt() {
	}

	public static JsonNode claims(String token) {
		String[] parts = token.split("\\.");
		if (parts.length < 2) {
			throw new IllegalArgumentException("not a JWT: expected header.payload.signature");
		}
		return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
	}

}
