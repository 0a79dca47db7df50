package dev.gatehouse.launcher.keycloak;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.launcher.process.HttpProbe;
import dev.gatehouse.launcher.process.ManagedProcess;
import dev.gatehouse.launcher.process.StartupException;
import dev.gatehouse.launcher.token.TokenClient;
import dev.gatehouse.launcher.token.Tokens;

/**
 * One Keycloak from the distribution, in production mode on plain HTTP with an in-memory database:
 * every start imports the realm afresh and creates the bootstrap admin.
 */
public final class KeycloakServer implements AutoCloseable {

	public static final String NAME = "keycloak";

	private final KeycloakOptions options;
	private final ManagedProcess process;

	private KeycloakServer(KeycloakOptions options, ManagedProcess process) {
		this.options = options;
		this.process = process;
	}

	/** Prepares the distribution, starts Keycloak and waits until the realm answers; stops it again on failure. */
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
		if (!Files.isRegularFile(options.realmFile())) {
			throw new StartupException("realm file not found: " + options.realmFile()
					+ " (auth-server-config provides realm-gatehouse.json)");
		}
		KeycloakDistribution distribution = new KeycloakDistribution(options.version(), options.workDir(),
				options.runDirectory().logFile(NAME + "-build"), out);
		Path home = distribution.prepare();
		copyRealm(options.realmFile(), home.resolve("data/import"));
		// Keycloak starts first, and its HTTPS port needs the dev PKI: made here, once, for the whole platform.
		if (DevPki.in(options.pki()).createIfMissing()) {
			out.println("Generated the development certificates in " + options.pki() + "/");
		}
		String url = "http://localhost:" + options.port();
		out.println("Starting Keycloak " + options.version() + " on " + url + " ...");
		ManagedProcess process = ManagedProcess.start(NAME, command(home, options), environment(), home,
				url, wellKnown(url), options.runDirectory());
		return new KeycloakServer(options, process);
	}

	static List<String> command(Path home, KeycloakOptions options) {
		return List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
				// A single node: no cluster discovery, and no JGroups ports to collide with other Keycloaks.
				"--cache=local",
				"--http-enabled=true",
				"--http-host=127.0.0.1",
				"--http-port=" + options.port(),
				// Pins the issuer to the contract's http://localhost:<port> whatever Host a caller uses.
				"--hostname=http://localhost:" + options.port(),
				"--http-management-port=" + options.managementPort(),
				// Health stays plain HTTP although the server also speaks HTTPS.
				"--http-management-scheme=http",
				// HTTPS for partner systems: client certificates are asked for (build option
				// https-client-auth=request) and must chain to the partner CA; a token requested with
				// one can be bound to it (acme-partner, RFC 8705).
				"--https-port=" + options.httpsPort(),
				"--https-key-store-file=" + options.pki().resolve(DevPki.KEYCLOAK),
				"--https-trust-store-file=" + options.pki().resolve(DevPki.PARTNER_TRUST),
				"--import-realm");
	}

	/** Passwords through the environment, not the command line that {@code ps} shows. */
	private static Map<String, String> environment() {
		return Map.of(
				"KC_BOOTSTRAP_ADMIN_USERNAME", DemoCredentials.KEYCLOAK_ADMIN.username(),
				"KC_BOOTSTRAP_ADMIN_PASSWORD", DemoCredentials.KEYCLOAK_ADMIN.password(),
				"KC_HTTPS_KEY_STORE_PASSWORD", DevPki.DEFAULT_PASSWORD,
				"KC_HTTPS_TRUST_STORE_PASSWORD", DevPki.DEFAULT_PASSWORD,
				"JAVA_HOME", System.getProperty("java.home"));
	}

	/** Copied at every start so that edits to the realm file take effect; the import folder holds nothing else. */
	private static void copyRealm(Path realmFile, Path importDir) {
		try {
			Files.createDirectories(importDir);
			try (DirectoryStream<Path> old = Files.newDirectoryStream(importDir, "*.json")) {
				for (Path file : old) {
					Files.delete(file);
				}
			}
			Files.copy(realmFile, importDir.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new StartupException("could not copy the realm into " + importDir + ": " + ex.getMessage(), ex);
		}
	}

	private static String wellKnown(String url) {
		return url + "/realms/" + DemoCredentials.REALM + "/.well-known/openid-configuration";
	}

	/** Waits until the realm's OpenID configuration answers 200. */
	public KeycloakServer awaitReady() {
		String wellKnown = wellKnown(url());
		process.awaitReady(() -> HttpProbe.isHealthy(wellKnown), options.startupTimeout());
		return this;
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

	/** An access token for the admin REST API ({@code {url}/admin/realms/...}), from the master realm's admin-cli. */
	public String adminAccessToken() {
		return new TokenClient(url() + "/realms/master")
				.resourceOwnerPassword("admin-cli", admin().username(), admin().password());
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
