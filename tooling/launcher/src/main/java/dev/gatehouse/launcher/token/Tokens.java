package dev.gatehouse.launcher.token;

import java.util.stream.Collectors;

import dev.gatehouse.launcher.demo.DemoCredentials;

/** Access tokens for the demo identities of {@link DemoCredentials}, by name. */
public final class Tokens {

	private final TokenClient client;

	/**
	 * @param realmUrl the gatehouse realm's issuer, e.g.
	 * {@code http://localhost:8180/realms/gatehouse}
	 */
	public Tokens(String realmUrl) {
		this.client = new TokenClient(realmUrl);
	}

	public TokenClient tokenClient() {
		return client;
	}

	/**
	 * A user token through Authorization Code + PKCE with client {@code gatehouse-web}.
	 */
	public String user(String username) {
		return client.authorizationCode(DemoCredentials.WEB_CLIENT, DemoCredentials.CLI_REDIRECT_URI, username,
				DemoCredentials.passwordOf(username));
	}

	/** A client credentials token of one of the confidential demo clients. */
	public String client(String clientId) {
		String secret = DemoCredentials.secretOf(clientId)
			.filter((known) -> DemoCredentials.confidentialClients().contains(clientId))
			.orElseThrow(() -> new TokenException("'" + clientId + "' is not a confidential demo client; known: "
					+ String.join(", ", DemoCredentials.confidentialClients())));
		return client.clientCredentials(clientId, secret);
	}

	/**
	 * A token for a demo user or a confidential demo client, whichever the name denotes.
	 */
	public String forName(String name) {
		if (DemoCredentials.confidentialClients().contains(name)) {
			return client(name);
		}
		if (DemoCredentials.user(name).isPresent()) {
			return user(name);
		}
		throw new TokenException("unknown user or client '" + name + "'; users: "
				+ DemoCredentials.USERS.stream().map(DemoCredentials.User::username).collect(Collectors.joining(", "))
				+ "; clients: " + String.join(", ", DemoCredentials.confidentialClients()));
	}

}
