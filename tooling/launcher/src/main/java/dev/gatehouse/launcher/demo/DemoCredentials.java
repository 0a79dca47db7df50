package dev.gatehouse.launcher.demo;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.realm.RealmFiles;

/**
 * The dev-only demo identities, in the one place the launcher and the end-to-end tests
 * read them from. The client secrets are read from the demo realm data
 * ({@code auth-server-config/realm-gatehouse-demo.json}); the users follow it and the
 * contract: change them there first, then here. None of these may ever protect anything
 * outside a developer's machine.
 */
public final class DemoCredentials {

	public static final String REALM = "gatehouse";

	/** Public client for the Authorization Code + PKCE flow of users. */
	public static final String WEB_CLIENT = "gatehouse-web";

	/**
	 * Redirect URI registered on {@link #WEB_CLIENT} for command-line tools and tests.
	 */
	public static final URI CLI_REDIRECT_URI = URI.create("http://127.0.0.1:8765/callback");

	/**
	 * Keycloak's bootstrap administrator (master realm), created at each start of the
	 * in-memory dev server.
	 */
	public static final Admin KEYCLOAK_ADMIN = new Admin("admin", "admin");

	public static final List<User> USERS = List.of(new User("alice", "customer, owns customer C-1001"),
			new User("frank", "customer, owns customer C-1002"),
			new User("bob", "agent: reads and writes customers, reads policies"),
			new User("carol", "underwriter: reads, writes and approves policies"),
			new User("dave", "auditor: reads everything, writes nothing"),
			new User("eve", "no roles: denied everywhere"),
			new User("acme-admin", "partner-admin of acme: rotates and revokes acme's API keys"));

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

	private static final Map<String, String> CLIENT_SECRETS = clientSecrets();

	private DemoCredentials() {
	}

	/**
	 * Clients whose tokens a plain client credentials request can get: a DPoP-bound
	 * client ({@code acme-dpop}) needs a proof with every token request, which the DPoP
	 * walk-through of docs/authentication-methods.md shows and {@code ./gatehouse token}
	 * does not make.
	 */
	private static Map<String, String> clientSecrets() {
		Map<String, String> secrets = new LinkedHashMap<>();
		RealmFiles.fromClasspath()
			.demo()
			.path("clients")
			.valueStream()
			.filter((client) -> client.has("secret"))
			.filter((client) -> !client.path("attributes")
				.path("dpop.bound.access.tokens")
				.asString("false")
				.equals("true"))
			.forEach((client) -> secrets.put(client.path("clientId").asString(), client.path("secret").asString()));
		return secrets;
	}

	/**
	 * The values of the base realm's placeholders in a local run: each client's demo
	 * secret under the variable its placeholder names (e.g.
	 * {@code POLICY_SERVICE_CLIENT_SECRET}).
	 */
	public static Map<String, String> secretVariables() {
		Map<String, String> variables = new LinkedHashMap<>();
		RealmFiles.fromClasspath()
			.base()
			.path("clients")
			.valueStream()
			.filter((client) -> client.has("secret"))
			.forEach((client) -> {
				Matcher matcher = PLACEHOLDER.matcher(client.path("secret").asString());
				secretOf(client.path("clientId").asString()).filter((secret) -> matcher.matches())
					.ifPresent((secret) -> variables.put(matcher.group(1), secret));
			});
		return variables;
	}

	/**
	 * Every demo user's password follows the contract's pattern {@code <username>-pass}.
	 */
	public static String passwordOf(String username) {
		return username + "-pass";
	}

	public static Optional<User> user(String username) {
		return USERS.stream().filter(user -> user.username().equals(username)).findFirst();
	}

	/**
	 * Confidential clients that use the client credentials grant, in a stable order: not
	 * the portal's, which signs people in and has no service account.
	 */
	public static List<String> confidentialClients() {
		List<String> withoutServiceAccount = RealmFiles.fromClasspath()
			.base()
			.path("clients")
			.valueStream()
			.filter((client) -> !client.path("serviceAccountsEnabled").asBoolean(true))
			.map((client) -> client.path("clientId").asString())
			.toList();
		return CLIENT_SECRETS.keySet().stream().filter((client) -> !withoutServiceAccount.contains(client)).toList();
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
