package dev.gatehouse.e2e;

import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.token.Tokens;
import dev.gatehouse.test.TlsClient;

/**
 * The platform the launcher started on free ports: every component reached on loopback.
 */
record LauncherTarget(Platform platform) implements Target {

	@Override
	public String gateway(String path) {
		return this.platform.serviceUrl("gateway") + path;
	}

	@Override
	public String gatewayTls(String path) {
		return "https://localhost:" + this.platform.config().port("gateway-tls") + path;
	}

	@Override
	public String partnerTls(String path) {
		return gatewayTls(path);
	}

	@Override
	public SSLContext trust() {
		return TlsClient.sslContext(pki(), null);
	}

	@Override
	public Path pki() {
		return this.platform.config().pkiDirectory();
	}

	@Override
	public String keycloakUrl() {
		return this.platform.keycloakUrl();
	}

	@Override
	public String issuerUri() {
		return this.platform.issuerUri();
	}

	@Override
	public Tokens tokens() {
		return this.platform.tokens();
	}

	@Override
	public String keycloakAdminToken() {
		return this.platform.keycloak().adminAccessToken();
	}

}
