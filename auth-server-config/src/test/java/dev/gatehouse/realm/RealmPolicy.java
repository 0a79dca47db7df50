package dev.gatehouse.realm;

import tools.jackson.databind.JsonNode;

import static dev.gatehouse.realm.RealmJson.attribute;
import static dev.gatehouse.realm.RealmJson.clientId;
import static dev.gatehouse.realm.RealmJson.clients;
import static dev.gatehouse.realm.RealmJson.describe;
import static dev.gatehouse.realm.RealmJson.realmName;
import static dev.gatehouse.realm.RealmJson.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security rules for any Keycloak realm import, independent of Gatehouse's names. Each
 * rule is one method that fails with an {@link AssertionError} naming the client (or
 * realm) and the rule, so a failing build says what to fix.
 *
 * <p>
 * Web origins: {@code *} is rejected; {@code +} is accepted because Keycloak expands it
 * to the origins of the client's own redirect URIs, which {@link #exactRedirectUris}
 * keeps exact.
 */
final class RealmPolicy {

	static final String NO_PASSWORD_GRANT = "no password grant (directAccessGrantsEnabled=false)";

	static final String NO_IMPLICIT_FLOW = "no implicit flow (implicitFlowEnabled=false)";

	static final String PUBLIC_CLIENT_USES_PKCE_S256 = "public or browser sign-in client requires PKCE S256";

	static final String EXACT_REDIRECT_URIS = "exact redirect URIs (no wildcard)";

	static final String EXACT_WEB_ORIGINS = "exact web origins (no wildcard)";

	static final String SHORT_LIVED_ACCESS_TOKENS = "access tokens live at most 300 s";

	static final String BRUTE_FORCE_PROTECTION = "brute-force protection on";

	static final String RS256_SIGNATURES = "access tokens signed with RS256";

	static final int MAX_ACCESS_TOKEN_SECONDS = 300;

	private RealmPolicy() {
	}

	/** Applies every rule to the realm and to every client it declares. */
	static void enforce(JsonNode realm) {
		shortLivedAccessTokens(realm);
		bruteForceProtection(realm);
		rs256Signatures(realm);
		for (JsonNode client : clients(realm)) {
			noPasswordGrant(client);
			noImplicitFlow(client);
			publicClientUsesPkceS256(client);
			exactRedirectUris(client);
			exactWebOrigins(client);
			clientKeepsAccessTokensShortLived(client);
			clientSignsWithRs256(client);
		}
	}

	static void noPasswordGrant(JsonNode client) {
		explicitlyFalse(client, "directAccessGrantsEnabled", NO_PASSWORD_GRANT);
	}

	static void noImplicitFlow(JsonNode client) {
		explicitlyFalse(client, "implicitFlowEnabled", NO_IMPLICIT_FLOW);
	}

	/**
	 * A confidential client signing people in too: its secret does not keep a code
	 * intercepted on its way back from being redeemed by whoever holds the secret's
	 * client, and OAuth 2.1 asks PKCE of every client.
	 */
	static void publicClientUsesPkceS256(JsonNode client) {
		if (!client.path("publicClient").asBoolean(false) && !client.path("standardFlowEnabled").asBoolean(false)) {
			return;
		}
		String method = attribute(client, "pkce.code.challenge.method");
		assertThat(method)
			.withFailMessage(
					clientBreaks(client, PUBLIC_CLIENT_USES_PKCE_S256, "pkce.code.challenge.method is " + method))
			.isEqualTo("S256");
	}

	/**
	 * Covers the login redirect URIs and the post-logout redirect URIs ("##"-separated
	 * attribute).
	 */
	static void exactRedirectUris(JsonNode client) {
		for (String uri : strings(client.path("redirectUris"))) {
			noWildcard(client, EXACT_REDIRECT_URIS, "redirect URI", uri);
		}
		String postLogout = attribute(client, "post.logout.redirect.uris");
		if (postLogout != null) {
			for (String uri : postLogout.split("##")) {
				noWildcard(client, EXACT_REDIRECT_URIS, "post-logout redirect URI", uri);
			}
		}
	}

	static void exactWebOrigins(JsonNode client) {
		for (String origin : strings(client.path("webOrigins"))) {
			noWildcard(client, EXACT_WEB_ORIGINS, "web origin", origin);
		}
	}

	/**
	 * A missing lifespan fails too: the limit must be stated, not inherited from a
	 * Keycloak default.
	 */
	static void shortLivedAccessTokens(JsonNode realm) {
		JsonNode lifespan = realm.path("accessTokenLifespan");
		assertThat(lifespan.isInt() && lifespan.intValue() > 0 && lifespan.intValue() <= MAX_ACCESS_TOKEN_SECONDS)
			.withFailMessage(
					realmBreaks(realm, SHORT_LIVED_ACCESS_TOKENS, "accessTokenLifespan is " + describe(lifespan)))
			.isTrue();
	}

	/**
	 * A client attribute overrides the realm's lifespan, so it is held to the same limit.
	 */
	static void clientKeepsAccessTokensShortLived(JsonNode client) {
		String override = attribute(client, "access.token.lifespan");
		if (override == null || override.isBlank()) {
			return;
		}
		assertThat(override.matches("[1-9][0-9]{0,8}") && Integer.parseInt(override) <= MAX_ACCESS_TOKEN_SECONDS)
			.withFailMessage(clientBreaks(client, SHORT_LIVED_ACCESS_TOKENS, "access.token.lifespan is " + override))
			.isTrue();
	}

	static void bruteForceProtection(JsonNode realm) {
		JsonNode protectedFlag = realm.path("bruteForceProtected");
		assertThat(protectedFlag.isBoolean() && protectedFlag.booleanValue())
			.withFailMessage(
					realmBreaks(realm, BRUTE_FORCE_PROTECTION, "bruteForceProtected is " + describe(protectedFlag)))
			.isTrue();
	}

	static void rs256Signatures(JsonNode realm) {
		JsonNode algorithm = realm.path("defaultSignatureAlgorithm");
		assertThat(algorithm.asString(""))
			.withFailMessage(
					realmBreaks(realm, RS256_SIGNATURES, "defaultSignatureAlgorithm is " + describe(algorithm)))
			.isEqualTo("RS256");
	}

	/**
	 * A client attribute overrides the realm's algorithm, so it must not pick another
	 * one.
	 */
	static void clientSignsWithRs256(JsonNode client) {
		String override = attribute(client, "access.token.signed.response.alg");
		if (override == null || override.isBlank()) {
			return;
		}
		assertThat(override)
			.withFailMessage(clientBreaks(client, RS256_SIGNATURES, "access.token.signed.response.alg is " + override))
			.isEqualTo("RS256");
	}

	static String clientBreaks(JsonNode client, String rule, String detail) {
		return "client '" + clientId(client) + "' breaks rule [" + rule + "]: " + detail;
	}

	static String realmBreaks(JsonNode realm, String rule, String detail) {
		return "realm '" + realmName(realm) + "' breaks rule [" + rule + "]: " + detail;
	}

	/**
	 * Keycloak's defaults differ between import and admin console, so only an explicit
	 * false counts.
	 */
	private static void explicitlyFalse(JsonNode client, String field, String rule) {
		JsonNode flag = client.path(field);
		assertThat(flag.isBoolean() && !flag.booleanValue())
			.withFailMessage(clientBreaks(client, rule, field + " must be explicitly false but is " + describe(flag)))
			.isTrue();
	}

	private static void noWildcard(JsonNode client, String rule, String what, String value) {
		assertThat(value).withFailMessage(clientBreaks(client, rule, what + " '" + value + "' contains '*'"))
			.doesNotContain("*");
	}

}
