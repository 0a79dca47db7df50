package dev.gatehouse.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.test.TlsScan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS listeners as the launcher starts them (the same code as {@code ./gatehouse up})
 * against an outside scanner, Debian's testssl.sh: the gateway's, started from its jar,
 * and Keycloak's HTTPS port. TLS 1.2 and 1.3 only, strong ciphers with forward secrecy,
 * client-initiated renegotiation refused, no finding of severity LOW or above; the
 * gateway also offers HTTP/2 and sends HSTS.
 */
@LauncherOnly("it scans the launcher's own listeners (Keycloak's HTTPS port among them), which compose does not publish")
@ExtendWith(RunningPlatform.class)
@WafChecked
class TlsScanEndToEndIntegrationTests {

	static final Logger log = LoggerFactory.getLogger(TlsScanEndToEndIntegrationTests.class);

	static Platform platform;

	static Path ca;

	@BeforeAll
	static void platform(Platform running) {
		platform = running;
		ca = running.config().pkiDirectory().resolve(DevPki.CA);
	}

	@Test
	void theGatewaysTlsListenerPassesTestssl() {
		TlsScan.Result scan = TlsScan.scan(platform.config().port("gateway-tls"), ca, true);
		log.info("testssl scan of the gateway's TLS listener took {} s", scan.took().toSeconds());
		assertThat(scan.problems()).as(scan.log()).isEmpty();
		assertThat(scan.finding("secure_client_renego")).as(scan.log())
			.hasValueSatisfying((finding) -> assertThat(finding).containsIgnoringCase("not vulnerable"));
		assertThat(scan.finding("ALPN_HTTP2")).as(scan.log())
			.hasValueSatisfying((finding) -> assertThat(finding).contains("h2"));
		assertThat(scan.finding("HSTS_time")).as(scan.log()).isPresent();
	}

	@Test
	void keycloaksHttpsPortPassesTestssl() {
		TlsScan.Result scan = TlsScan.scan(platform.config().port(PlatformConfig.KEYCLOAK_HTTPS), ca, false);
		log.info("testssl scan of Keycloak's HTTPS port took {} s", scan.took().toSeconds());
		assertThat(scan.problems()).as(scan.log()).isEmpty();
		assertThat(scan.finding("secure_client_renego")).as(scan.log())
			.hasValueSatisfying((finding) -> assertThat(finding).containsIgnoringCase("not vulnerable"));
	}

}
