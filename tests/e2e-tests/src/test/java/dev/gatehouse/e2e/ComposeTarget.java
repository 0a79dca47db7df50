package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.util.FileSystemUtils;

import dev.gatehouse.launcher.token.TokenClient;
import dev.gatehouse.pki.DevPki;

/**
 * A docker compose stack that is already up and healthy ({@code .ci/run} brings it up),
 * reached only at its public addresses, like a user's laptop: the edge (TLS, and the
 * partners' TLS passthrough) and Keycloak. Addresses default to those docker-compose.yml
 * publishes (its {@code GATEHOUSE_*_PORT} variables, as set in the environment);
 * properties {@code gatehouse.e2e.edge}, {@code gatehouse.e2e.partner} and
 * {@code gatehouse.e2e.keycloak} name others. The dev PKI (for the partners' client
 * certificates and the gateway's CA) and the edge's certificate are copied out of the
 * stack's volumes through their one-shot containers.
 */
final class ComposeTarget implements Target {

	private static final Path DIR = Path.of("target/compose-target").toAbsolutePath();

	private final Compose compose;

	private final String edge;

	private final String partner;

	private final String keycloak;

	private final SSLContext trust;

	private ComposeTarget(Compose compose, String edge, String partner, String keycloak, SSLContext trust) {
		this.compose = compose;
		this.edge = edge;
		this.partner = partner;
		this.keycloak = keycloak;
		this.trust = trust;
	}

	static ComposeTarget connect() {
		Compose compose = Compose.fromSystemProperties();
		try {
			FileSystemUtils.deleteRecursively(DIR);
			Files.createDirectories(DIR);
			compose.copyOut("pki", "/pki", DIR.resolve("pki"));
			compose.copyOut("edge-cert", "/certs/edge.crt", DIR.resolve("edge.crt"));
			SSLContext trust = trusting(DIR.resolve("pki").resolve(DevPki.CA), DIR.resolve("edge.crt"));
			compose.awaitRateLimitStores(Duration.ofMinutes(2));
			return new ComposeTarget(compose, address("gatehouse.e2e.edge", "https", "GATEHOUSE_HTTPS_PORT", 8443),
					address("gatehouse.e2e.partner", "https", "GATEHOUSE_PARTNER_PORT", 8444),
					address("gatehouse.e2e.keycloak", "http", "GATEHOUSE_KEYCLOAK_PORT", 8180), trust);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not read the compose stack's certificates", ex);
		}
	}

	/**
	 * A system property, else where docker-compose.yml publishes it: its port variable or
	 * default.
	 */
	private static String address(String property, String scheme, String portVariable, int defaultPort) {
		String port = System.getenv().getOrDefault(portVariable, String.valueOf(defaultPort));
		return System.getProperty(property, scheme + "://localhost:" + port);
	}

	/**
	 * Trusts the dev PKI's CA (the gateway's certificate, through the passthrough) and
	 * the edge's own certificate.
	 */
	private static SSLContext trusting(Path... certificates) throws IOException, GeneralSecurityException {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		for (Path certificate : certificates) {
			try (InputStream in = Files.newInputStream(certificate)) {
				trusted.setCertificateEntry(certificate.getFileName().toString(),
						CertificateFactory.getInstance("X.509").generateCertificate(in));
			}
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	Compose compose() {
		return this.compose;
	}

	@Override
	public String gateway(String path) {
		return this.edge + path;
	}

	@Override
	public String gatewayTls(String path) {
		return this.edge + path;
	}

	@Override
	public String partnerTls(String path) {
		return this.partner + path;
	}

	@Override
	public SSLContext trust() {
		return this.trust;
	}

	@Override
	public Path pki() {
		return DIR.resolve("pki");
	}

	@Override
	public String keycloakUrl() {
		return this.keycloak;
	}

	/**
	 * The bootstrap administrator of docker-compose.yml ({@code KEYCLOAK_ADMIN_PASSWORD},
	 * dev-only default).
	 */
	@Override
	public String keycloakAdminToken() {
		String password = System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "dev-only-admin");
		return new TokenClient(this.keycloak + "/realms/master").resourceOwnerPassword("admin-cli", "admin", password);
	}

}
