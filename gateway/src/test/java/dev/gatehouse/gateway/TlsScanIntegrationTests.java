package dev.gatehouse.gateway;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.test.TlsScan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's TLS listener against an outside scanner, Debian's testssl.sh: TLS 1.2 and
 * 1.3 only, strong ciphers with forward secrecy, client-initiated renegotiation refused,
 * HTTP/2 offered by ALPN, HSTS sent; no finding of severity LOW or above.
 */
class TlsScanIntegrationTests extends GatewayTestSupport {

	static final Logger log = LoggerFactory.getLogger(TlsScanIntegrationTests.class);

	@Test
	void theTlsListenerPassesTestssl() {
		TlsScan.Result scan = TlsScan.scan(this.tls.port(), tlsDirectory.resolve(DevPki.CA), true);
		log.info("testssl scan of the gateway's TLS listener took {} s", scan.took().toSeconds());
		assertThat(scan.problems()).as(scan.log()).isEmpty();
		assertThat(scan.finding("secure_client_renego")).as(scan.log())
			.hasValueSatisfying((finding) -> assertThat(finding).containsIgnoringCase("not vulnerable"));
		assertThat(scan.finding("ALPN_HTTP2")).as(scan.log())
			.hasValueSatisfying((finding) -> assertThat(finding).contains("h2"));
		assertThat(scan.finding("HSTS_time")).as(scan.log()).isPresent();
		assertThat(scan.finding("TLS1_3")).hasValueSatisfying((finding) -> assertThat(finding).startsWith("offered"));
		assertThat(scan.finding("TLS1_2")).hasValueSatisfying((finding) -> assertThat(finding).startsWith("offered"));
		assertThat(scan.finding("TLS1_1"))
			.hasValueSatisfying((finding) -> assertThat(finding).startsWith("not offered"));
		assertThat(scan.finding("TLS1")).hasValueSatisfying((finding) -> assertThat(finding).startsWith("not offered"));
	}

	@Test
	void clientInitiatedRenegotiationIsRefused() throws Exception {
		assertThat(
				TlsScan.acceptsClientInitiatedRenegotiation(TlsClient.sslContext(tlsDirectory, null), this.tls.port()))
			.isFalse();
	}

}
