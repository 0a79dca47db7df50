package dev.gatehouse.policy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.pki.DevPki;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestPki;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.test.TlsScan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secure profile over real TLS handshakes: policy-service answers only the gateway's
 * certificate. Another certificate of the same internal CA (policy-service's own) passes
 * the handshake and is refused with 403; no certificate fails the handshake. The call on
 * to customer-service over mutual TLS is exercised with the real services in
 * deploy-tests.
 */
@WithTestIssuer
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("secure")
class PolicyServiceSecureProfileIntegrationTests {

	static final TestBackends backends = new TestBackends();

	static final Path pki = TestPki.shared();

	@DynamicPropertySource
	static void platform(DynamicPropertyRegistry registry) {
		backends.register(registry);
		registry.add("gatehouse.tls.directory", pki::toString);
	}

	@AfterAll
	static void stop() {
		backends.close();
	}

	@LocalServerPort
	int port;

	String url() {
		return "https://localhost:" + this.port + "/api/policies";
	}

	String carol() {
		return "Bearer " + backends.issuer.token(Persona.CAROL).build();
	}

	@Test
	void gatewayCertificateWithAValidTokenIsServed() {
		HttpResponse<String> response = new TlsClient(pki, DevPki.GATEWAY_CLIENT).get(url(), "Authorization", carol());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void anotherInternalCertificateIsRefusedWith403() {
		HttpResponse<String> response = new TlsClient(pki, DevPki.POLICY_SERVICE).get(url(), "Authorization", carol());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("urn:gatehouse:problem:client-not-allowed")
			.contains("through the gateway");
	}

	@Test
	void clientWithoutACertificateIsRefusedInTheHandshake() {
		assertThatThrownBy(() -> new TlsClient(pki).get(url(), "Authorization", carol()))
			.hasCauseInstanceOf(IOException.class);
	}

	/**
	 * An outside scanner, Debian's testssl.sh, finds TLS 1.2 and 1.3 only, strong ciphers
	 * with forward secrecy, nothing of severity LOW or above. It cannot present the
	 * client certificate this listener requires, so the next test also renegotiates a
	 * completed handshake, with the JDK's client and the gateway's certificate.
	 */
	@Test
	void theTlsListenerPassesTestssl() {
		TlsScan.Result scan = TlsScan.scan(this.port, pki.resolve(DevPki.CA), false);
		LoggerFactory.getLogger(getClass())
			.info("testssl scan of the service's TLS listener took {} s", scan.took().toSeconds());
		assertThat(scan.problems()).as(scan.log()).isEmpty();
		assertThat(scan.finding("TLS1_2")).hasValueSatisfying((finding) -> assertThat(finding).startsWith("offered"));
		assertThat(scan.finding("TLS1_1"))
			.hasValueSatisfying((finding) -> assertThat(finding).startsWith("not offered"));
	}

	@Test
	void clientInitiatedRenegotiationIsRefused() throws Exception {
		assertThat(TlsScan.acceptsClientInitiatedRenegotiation(TlsClient.sslContext(pki, DevPki.GATEWAY_CLIENT),
				this.port))
			.isFalse();
	}

}
