package dev.gatehouse.launcher.keycloak;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.launcher.process.HttpProbe;
import dev.gatehouse.launcher.process.ManagedProcess;
import dev.gatehouse.launcher.process.StartupException;
import dev.gatehouse.launcher.token.TokenClient;
import dev.gatehouse.launcher.token.Tokens;
import dev.gatehouse.realm.KeycloakAdmin;
import dev.gatehouse.realm.KeycloakAdminException;
import dev.gatehouse.realm.RealmApply;
import dev.gatehouse.realm.RealmDefinitionException;
import dev.gatehouse.realm.RealmFiles;

/**
 * One Keycloak from the distribution, in production mode on plain HTTP with an in-memory
 * database: every start creates the bootstrap admin, and once Keycloak is up the realm is
 * applied with the same tool the realm-apply container runs ({@link RealmApply}), demo
 * data included when asked for.
 */
public final class KeycloakServer implements AutoCloseable {

	public static final String NAME = "keycloak";

	private final KeycloakOptions options;

	private final ManagedProcess process;

	private KeycloakServer(KeycloakOptions options, ManagedProcess process) {
		this.options = options;
		this.process = process;
	}

	/**
	 * Prepares the distribution, starts Keycloak and waits until the realm answers; stops
	 * it again on failure.
	 */
	public static KeycloakServer start(KeycloakOptions options, PrintStream out) {
		KeycloakServer server = launch(options, out);
		try {
			server.awaitReady();
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/** Prepares the distribution and starts Keycloak without waiting for it. */
	public static KeycloakServer launch(KeycloakOptions options, PrintStream out) {
		if (options.realmDirectory() != null
				&& !Files.isRegularFile(options.realmDirectory().resolve(RealmFiles.BASE))) {
			throw new StartupException("realm file not found: " + options.realmDirectory().resolve(RealmFiles.BASE)
					+ " (auth-server-config provides it)");
		}
		KeycloakDistribution distribution = new KeycloakDistribution(options.version(), options.workDir(),
				options.runDirectory().logFile(NAME + "-build"), out);
		Path home = distribution.prepare();
		// Keycloak starts first, and its HTTPS port needs the dev PKI: made here, once,
		// for the whole platform.
		if (DevPki.in(options.pki()).createIfMissing()) {
			out.println("Generated the development certificates in " + options.pki() + "/");
		}
		String url = "http://localhost:" + options.port();
		out.println("Starting Keycloak " + options.version() + " on " + url + " ...");
		ManagedProcess process = ManagedProcess.start(NAME, command(home, options), environment(), home, url,
				wellKnown(url), options.runDirectory());
		return new KeycloakServer(options, process);
	}

	static List<String> command(Path home, KeycloakOptions options) {
		return List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
				// A single node: no cluster discovery, and no JGroups ports to collide
				// with other Keycloaks.
				"--cache=local", "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + options.port(),
				// Pins the issuer to the contract's http://localhost:<port> whatever Host
				// a caller uses.
				"--hostname=http://localhost:" + options.port(), "--http-management-port=" + options.managementPort(),
				// Health stays plain HTTP although the server also speaks HTTPS.
				"--http-management-scheme=http",
				// HTTPS for partner systems: client certificates are asked for (build
				// option
				// https-client-auth=request) and must chain to the partner CA; a token
				// requested with
				// one can be bound to it (acme-partner, RFC 8705).
				"--https-port=" + options.httpsPort(),
				"--https-key-store-file=" + options.pki().resolve(DevPki.KEYCLOAK),
				"--https-trust-store-file=" + options.pki().resolve(DevPki.PARTNER_TRUST),
				// AEAD suites with forward secrecy only (TLS 1.3's, and TLS 1.2's ECDHE
				// with GCM or
				// ChaCha20): the JDK's defaults also offer CBC suites, which TLS scanners
				// report. The
				// services' Tomcat gets the same list from the security starter.
				"--https-cipher-suites=" + String.join(",", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
						"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
						"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
						"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
						"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
				// One line per request in the log (method and path, never the query),
				// e.g. to see how often
				// the services fetch the signing keys.
				"--http-access-log-enabled=true", "--http-access-log-pattern=%h %t \"%m %U\" %s %b");
	}

	/**
	 * Passwords through the environment, not the command line that {@code ps} shows. The
	 * JVM option makes Keycloak's HTTPS port refuse renegotiation a client starts (a
	 * denial-of-service lever that TLS scanners report); the JDK has no other switch for
	 * it.
	 */
	static Map<String, String> environment() {
		return Map.of("JAVA_OPTS_APPEND", "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
				"KC_BOOTSTRAP_ADMIN_USERNAME", DemoCredentials.KEYCLOAK_ADMIN.username(), "KC_BOOTSTRAP_ADMIN_PASSWORD",
				DemoCredentials.KEYCLOAK_ADMIN.password(), "KC_HTTPS_KEY_STORE_PASSWORD", DevPki.DEFAULT_PASSWORD,
				"KC_HTTPS_TRUST_STORE_PASSWORD", DevPki.DEFAULT_PASSWORD, "JAVA_HOME", System.getProperty("java.home"));
	}

	private static String wellKnown(String url) {
		return url + "/realms/" + DemoCredentials.REALM + "/.well-known/openid-configuration";
	}

	/**
	 * Waits until Keycloak is ready, applies the realm (if it has one) and waits until
	 * the realm answers.
	 */
	public KeycloakServer awaitReady() {
		process.awaitReady(() -> HttpProbe.isHealthy(healthUrl()), options.startupTimeout());
		if (options.realmDirectory() != null) {
			applyRealm(withGatewayOrigins(RealmFiles.fromDirectory(options.realmDirectory())
				.resolve(options.demo(), DemoCredentials.secretVariables()::get), options.gatewayOrigins()));
			String wellKnown = wellKnown(url());
			process.awaitReady(() -> HttpProbe.isHealthy(wellKnown), options.startupTimeout());
		}
		return this;
	}

	/**
	 * The clients' redirect URIs, post-logout redirect URIs and web origins on the
	 * gateway's origins of this run: the realm names the contract's ports, a run on other
	 * ports (tests) must be redirected to its own.
	 */
	static ObjectNode withGatewayOrigins(ObjectNode realm, Map<String, String> origins) {
		for (JsonNode client : realm.path("clients")) {
			for (String field : List.of("redirectUris", "webOrigins")) {
				if (client.path(field) instanceof ArrayNode uris) {
					for (int i = 0; i < uris.size(); i++) {
						uris.set(i, onOrigins(uris.get(i).asString(), origins));
					}
				}
			}
			if (client.path("attributes") instanceof ObjectNode attributes
					&& attributes.has("post.logout.redirect.uris")) {
				attributes.put("post.logout.redirect.uris",
						String.join("##",
								Stream.of(attributes.path("post.logout.redirect.uris").asString().split("##"))
									.map((uri) -> onOrigins(uri, origins))
									.toList()));
			}
		}
		return realm;
	}

	private static String onOrigins(String uri, Map<String, String> origins) {
		return origins.entrySet()
			.stream()
			.filter((origin) -> uri.equals(origin.getKey()) || uri.startsWith(origin.getKey() + "/"))
			.findFirst()
			.map((origin) -> origin.getValue() + uri.substring(origin.getKey().length()))
			.orElse(uri);
	}

	/**
	 * Applies a realm (create, or reconcile what exists) as the bootstrap admin.
	 * @return what changed, one line each
	 */
	public List<String> applyRealm(ObjectNode realm) {
		try {
			return new RealmApply(adminApi()).apply(realm);
		}
		catch (KeycloakAdminException | RealmDefinitionException ex) {
			throw new StartupException("could not apply the realm: " + ex.getMessage(), ex);
		}
	}

	/** Keycloak's admin REST API as the bootstrap admin. */
	public KeycloakAdmin adminApi() {
		return new KeycloakAdmin(url(),
				KeycloakAdmin.AdminLogin.user("master", admin().username(), admin().password()));
	}

	/** {@code http://localhost:<port>}. */
	public String url() {
		return "http://localhost:" + options.port();
	}

	/** The gatehouse realm's issuer, {@code http://localhost:<port>/realms/gatehouse}. */
	public String issuerUri() {
		return url() + "/realms/" + DemoCredentials.REALM;
	}

	public int port() {
		return options.port();
	}

	public int managementPort() {
		return options.managementPort();
	}

	/** Keycloak's own health, on the management interface. */
	public String healthUrl() {
		return "http://127.0.0.1:" + options.managementPort() + "/health/ready";
	}

	/** The bootstrap administrator of the master realm (dev only). */
	public DemoCredentials.Admin admin() {
		return DemoCredentials.KEYCLOAK_ADMIN;
	}

	/**
	 * An access token for the admin REST API ({@code {url}/admin/realms/...}), from the
	 * master realm's admin-cli.
	 */
	public String adminAccessToken() {
		return new TokenClient(url() + "/realms/master").resourceOwnerPassword("admin-cli", admin().username(),
				admin().password());
	}

	/** Tokens for the demo users and clients of the gatehouse realm. */
	public Tokens tokens() {
		return new Tokens(issuerUri());
	}

	public long pid() {
		return process.pid();
	}

	public Path logFile() {
		return process.logFile();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** Exit code, or -1 while it runs. */
	public int exitCode() {
		return process.exitCode();
	}

	@Override
	public void close() {
		process.stop();
	}

}
