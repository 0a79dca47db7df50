package dev.gatehouse.launcher.demo;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dev-only demo identities, in the one place the launcher and the end-to-end tests read them
 * from. The source of truth is the realm import {@code auth-server-config/realm-gatehouse.json}
 * (and the contract): change them there first, then here. None of these may ever protect anything
 * outside a developer's machine.
 */
public final class DemoCredentials {

	public static final String REALM = "gatehouse";

	/** Public client for the Authorization Code + PKCE flow of users. */
	public static final String WEB_CLIENT = "gatehouse-web";

	/** Redirect URI registered on {@link #WEB_CLIENT} for command-line tools and tests. */
	public static final URI CLI_REDIRECT_URI = URI.create("http://127.0.0.1:8765/callback");

	/** Keycloak's bootstrap administrator (master realm), created at each start of the in-memory dev server. */
	public static final Admin KEYCLOAK_ADMIN = new Admin("admin", "admin");

	public static final List<User> USERS = List.of(
			new User("alice", "customer, owns customer C-1001"),
			new User("frank", "customer, owns customer C-1002"),
			new User("bob", "agent: reads and writes customers, reads policies"),
			new User("carol", "underwriter: reads, writes and approves policies"),
			new User("dave", "auditor: reads everything, writes nothing"),
			new User("eve", "no roles: denied everywhere"));

	private static final Map<String, String> CLIENT_SECRETS = clientSecrets();

	private DemoCredentials() {
	}

	private static Map<String, String> clientSecrets() {
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("reporting-batch", "reporting-batch-secret");
		secrets.put("policy-service", "policy-service-secret");
		secrets.put("gatehouse-gateway", "gatehouse-gateway-secret");
		return secrets;
	}

	/** Every demo user's password follows the contract's pattern {@code <username>-pass}. */
	public static String passwordOf(String username) {
		return username + "-pass";
	}

	public static Optional<User> user(String username) {
		return USERS.stream().filter(user -> user.username().equals(username)).findFirst();
	}

	/** Confidential clients that use the client credentials grant, in a stable order. */
	public static List<String> confidentialClients() {
		return List.copyOf(CLIENT_SECRETS.keySet());
	}

	public static Optional<String> secretOf(String clientId) {
		return Optional.ofNullable(CLIENT_SECRETS.get(clientId));
	}

	/** A demo user and the persona it plays. */
	public record User(String username, String persona) {
	}

	/** Credentials of Keycloak's administrator, for the admin REST API. */
	public record Admin(String username, String password) {

		@Override
		public String toString() {
			return "Admin[username=" + username + "]";
		}
	}
}
