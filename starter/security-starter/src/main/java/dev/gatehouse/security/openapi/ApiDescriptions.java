package dev.gatehouse.security.openapi;

import java.util.List;

/**
 * Names the services' OpenAPI descriptions use and the gateway reads back when it
 * publishes them: the security schemes, the extension that carries an operation's roles,
 * the problem schema.
 */
public final class ApiDescriptions {

	/**
	 * Keycloak tokens: Authorization Code with PKCE for people, client credentials for
	 * systems.
	 */
	public static final String OAUTH2 = "oauth2";

	/** A partner's API key in {@code x-api-key}, checked by the gateway. */
	public static final String API_KEY = "apiKey";

	/** A partner's client certificate, checked by the gateway's TLS listener. */
	public static final String MUTUAL_TLS = "mutualTLS";

	/** An operator's user name and password, checked by the gateway. */
	public static final String BASIC = "basic";

	/** The header a partner's API key goes in. */
	public static final String API_KEY_HEADER = "x-api-key";

	/**
	 * The authorities of which the caller needs one (the rule
	 * {@code gatehouse.security.rules} that the service enforces for the operation); an
	 * empty list: no rule admits anyone.
	 */
	public static final String ANY_AUTHORITY = "x-gatehouse-any-authority";

	/** The RFC 9457 problem body every refusal and error has. */
	public static final String PROBLEM_SCHEMA = "Problem";

	public static final String PROBLEM_JSON = "application/problem+json";

	private ApiDescriptions() {
	}

	/**
	 * The sentence an operation's description states its roles in (the gateway replaces
	 * it where it calls with its own token).
	 */
	public static String rolesSentence(List<String> anyAuthority) {
		return anyAuthority.isEmpty() ? "Refused to every caller: no rule admits it." : "Needs a token with one of: "
				+ String.join(", ", anyAuthority.stream().map((role) -> "`" + role + "`").toList()) + ".";
	}

}
