package dev.gatehouse.customer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;
import dev.gatehouse.test.TestPki;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.test.TlsScan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secure profile over real TLS handshakes: customer-service answers only clients
 * presenting the gateway's or policy-service's certificate, and still validates the token
 * of every call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("secure")
@WithTestIssuer
class CustomerServiceSecureProfileIntegrationTests {

	static final Path pki = TestPki.shared();

	@DynamicPropertySource
	static void certificates(DynamicPropertyRegistry registry) {
		registry.add("gatehouse.tls.directory", pki::toString);
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	String url() {
		return "https://localhost:" + this.port + "/api/customers";
	}

	String bob() {
		return "Bearer " + TestIssuer.shared().token(Persona.BOB).build();
	}

	@Test
	void gatewayCertificateWithAValidTokenIsServed() {
		HttpResponse<String> response = new TlsClient(pki, DevPki.GATEWAY_CLIENT).get(url(), "Authorization", bob());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void policyServiceCertificateIsServedToo() {
		HttpResponse<String> response = new TlsClient(pki, DevPki.POLICY_SERVICE).get(url(), "Authorization", bob());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void gatewayCertificateDoesNotReplaceTheToken() {
		HttpResponse<String> response = new TlsClient(pki, DevPki.GATEWAY_CLIENT).get(url());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("urn:gatehouse:problem:missing-token");
	}

	@Test
	void clientWithoutACertificateIsRefusedInTheHandshake() {
		assertThatThrownBy(() -> new TlsClient(pki).get(url(), "Authorization", bob()))
			.hasCauseInstanceOf(IOException.class);
	}

	@Test
	void partnerCertificateIsRefusedInTheHandshake() {
		assertThatThrownBy(
				() -> new TlsClient(pki, PartnerCertificate.ACME.keyStore()).get(url(), "Authorization", bob()))
			.hasCauseInstanceOf(IOException.class);
	}

	@Test
	void plainHttpIsRefusedWithoutData() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/customers"))
				.header("Authorization", bob())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("C-1001");
	}

	@Test
	void healthStaysOnThePlainManagementPortForProbes() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(health.body()).contains("\"UP\"");
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
