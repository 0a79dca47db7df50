package dev.gatehouse.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubBackend.Received;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.test.TlsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Partners by client certificate on /partner/mtls/**, with real TLS handshakes against
 * the dev PKI: what the TLS layer refuses (unknown CA, expired) and what the gateway
 * answers with a problem (none, revoked, unregistered, route not covered).
 */
@TestPropertySource(properties = "gatehouse.gateway.client-certificates.crl-refresh=0s")
class ClientCertificateRoutesIntegrationTests extends GatewayTestSupport {

	TlsClient as(PartnerCertificate certificate) {
		return new TlsClient(tlsDirectory, certificate.keyStore());
	}

	String https(String path) {
		return "https://localhost:" + this.tls.port() + path;
	}

	@Test
	void acmeCertificateReachesItsPoliciesWithTheGatewayTokenAndVerifiedPartner() throws Exception {
		HttpResponse<String> response = as(PartnerCertificate.ACME).get(https("/partner/mtls/policies?status=ACTIVE"),
				"X-Gatehouse-Partner", "globex");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"path\":\"/partner/policies\"");
		assertThat(response.headers().firstValue("X-RateLimit-Burst-Capacity")).contains("40");
		// acme's gold plan, as for its API key: the partner's quota applies too.
		assertThat(response.headers().firstValue("X-Quota-Limit")).contains("5000000");
		Received request = policies.received().get(0);
		assertThat(request.path()).isEqualTo("/partner/policies?status=ACTIVE");
		assertThat(request.header("X-Gatehouse-Partner")).isEqualTo("acme");
		String token = request.header("Authorization").substring("Bearer ".length());
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("azp")).isEqualTo("gatehouse-gateway");
	}

	@Test
	void noCertificateIs401WithClientCertificateChallenge() {
		HttpResponse<String> response = new TlsClient(tlsDirectory).get(https("/partner/mtls/policies"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).contains("ClientCertificate");
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).contains("urn:gatehouse:problem:missing-client-certificate")
			.contains("present it in the TLS handshake");
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void certificateFromAnUnknownCaIsRefusedInTheHandshake() {
		assertHandshakeRefused(PartnerCertificate.ACME_UNKNOWN_CA);
	}

	@Test
	void expiredCertificateIsRefusedInTheHandshake() {
		assertHandshakeRefused(PartnerCertificate.ACME_EXPIRED);
	}

	@Test
	void revokedCertificateIs401NamingTheRevocation() {
		HttpResponse<String> response = as(PartnerCertificate.ACME_REVOKED).get(https("/partner/mtls/policies"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("ClientCertificate error=\"invalid_certificate\""));
		assertThat(response.body()).contains("urn:gatehouse:problem:revoked-client-certificate")
			.contains("has been revoked");
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void certificateOfNoRegisteredPartnerIs401() {
		HttpResponse<String> response = as(PartnerCertificate.INITECH).get(https("/partner/mtls/policies"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("urn:gatehouse:problem:unregistered-client-certificate")
			.contains("CN=initech");
	}

	@Test
	void validCertificateOnARouteItDoesNotCoverIs403() {
		HttpResponse<String> uncovered = as(PartnerCertificate.ACME).get(https("/partner/mtls/reports"));
		assertThat(uncovered.statusCode()).isEqualTo(403);
		assertThat(uncovered.body()).contains("urn:gatehouse:problem:certificate-route-not-covered")
			.contains("does not cover GET /partner/mtls/reports");
		HttpResponse<String> write = as(PartnerCertificate.ACME).send("POST", https("/partner/mtls/policies"));
		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(write.body()).contains("read-only");
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void plainHttpIsRefusedWith403PointingToTheTlsListener() {
		client().get()
			.uri("/partner/mtls/policies")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:https-required");
	}

	@Test
	void certificateRevokedWhileTheGatewayRunsIsRefusedOnTheNextRequest() throws Exception {
		HttpResponse<String> before = as(PartnerCertificate.INITECH).get(https("/partner/mtls/policies"));
		assertThat(before.body()).contains("unregistered-client-certificate");
		byte[] crl = Files.readAllBytes(tlsDirectory.resolve(DevPki.PARTNER_CRL));
		try {
			DevPki.in(tlsDirectory).revoke(certificate(PartnerCertificate.INITECH));
			HttpResponse<String> after = as(PartnerCertificate.INITECH).get(https("/partner/mtls/policies"));
			assertThat(after.statusCode()).isEqualTo(401);
			assertThat(after.body()).contains("revoked-client-certificate");
		}
		finally {
			Files.write(tlsDirectory.resolve(DevPki.PARTNER_CRL), crl);
		}
	}

	private void assertHandshakeRefused(PartnerCertificate certificate) {
		assertThatThrownBy(() -> as(certificate).get(https("/partner/mtls/policies")))
			.hasCauseInstanceOf(IOException.class);
		assertThat(policies.received()).isEmpty();
	}

	static X509Certificate certificate(PartnerCertificate which) throws Exception {
		try (InputStream in = Files.newInputStream(tlsDirectory.resolve(which.certificatePem()))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
