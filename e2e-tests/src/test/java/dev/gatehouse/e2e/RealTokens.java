package dev.gatehouse.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.launcher.Platform;

/**
 * Tokens from the real Keycloak, fetched once per caller for the run (they live five minutes):
 * Authorization Code + PKCE for users, client credentials for confidential clients.
 */
final class RealTokens {

	private static final Map<String, String> tokens = new ConcurrentHashMap<>();

	private RealTokens() {
	}

	static String of(Platform platform, String caller) {
		return tokens.computeIfAbsent(caller, (name) -> platform.tokens().forName(name));
	}

}
