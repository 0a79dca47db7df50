package dev.gatehouse.gateway;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.gatehouse.gateway.certificate.ClientCertificates;
import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubTokenEndpoint;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TlsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8705 certificate-bound tokens on the Bearer routes, over real TLS handshakes: a
 * token whose {@code cnf.x5t#S256} names acme's certificate works only on a connection
 * presenting it, and then reaches the backend beside the gateway's own token, which
 * vouches for the check; a binding the gateway cannot check is refused. (The end-to-end
 * tests get such a token from Keycloak itself.)
 */
class CertificateBoundTokenIntegrationTests extends GatewayTestSupport {

	String https(String path) {
		return "https://localhost:" + this.tls.port() + path;
	}

	String boundToAcme() {
		return issuer.token(Persona.BOB).claim("cnf", Map.of("x5t#S256", acmeThumbprint())).build();
	}

	static String acmeThumbprint() {
		try {
			return ClientCertificates
				.thumbprint(ClientCertificateRoutesIntegrationTests.certificate(PartnerCertificate.ACME));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void boundTokenWithItsCertificateReachesTheBackendVouchedForByTheGatewaysToken() throws Exception {
		String bound = boundToAcme();
		HttpResponse<String> response = new TlsClient(tlsDirectory, PartnerCertificate.ACME.keyStore())
			.get(https("/api/customers"), "Authorization", "Bearer " + bound);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(customers.received()).singleElement().satisfies((received) -> {
			assertThat(received.header("Authorization")).startsWith("Bearer ");
			String gatewayToken = received.header("Authorization").substring("Bearer ".length());
			assertThat(SignedJWT.parse(gatewayToken).getJWTClaimsSet().getStringClaim("azp"))
				.isEqualTo(StubTokenEndpoint.CLIENT_ID);
			assertThat(received.header(GatewayVouching.boundTokenHeader())).isEqualTo(bound);
		});
	}

	@Test
	void aConfirmationNamingNoMethodIs401UnverifiableBindingAndReachesNoBackend() {
		String noMethod = issuer.token(Persona.BOB).claim("cnf", Map.of()).build();
		HttpResponse<String> response = new TlsClient(tlsDirectory, PartnerCertificate.ACME.keyStore())
			.get(https("/api/customers"), "Authorization", "Bearer " + noMethod);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		assertThat(response.body()).contains("urn:gatehouse:problem:unverifiable-token-binding")
			.contains("the gateway verifies jkt, x5t#S256 bindings only");
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void aTokenAlsoBoundToADpopKeyIsRefusedAsBearerEvenWithItsCertificate() {
		String dpopBound = issuer.token(Persona.BOB)
			.claim("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"))
			.build();
		String twoBindings = issuer.token(Persona.BOB)
			.claim("cnf", Map.of("x5t#S256", acmeThumbprint(), "jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"))
			.build();
		for (String token : new String[] { dpopBound, twoBindings }) {
			HttpResponse<String> response = new TlsClient(tlsDirectory, PartnerCertificate.ACME.keyStore())
				.get(https("/api/customers"), "Authorization", "Bearer " + token);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().allValues("WWW-Authenticate"))
				.anySatisfy((challenge) -> assertThat(challenge).startsWith("DPoP error=\"invalid_token\""));
			assertThat(response.body()).contains(GatewayProblem.DPOP_BOUND_TOKEN_AS_BEARER.type());
		}
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void unboundTokenIsPassedOnAsSentAndAClientsBoundTokenHeaderIsDropped() {
		String token = issuer.token(Persona.BOB).build();
		HttpResponse<String> response = new TlsClient(tlsDirectory).get(https("/api/customers"), "Authorization",
				"Bearer " + token, GatewayVouching.boundTokenHeader(), boundToAcme());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(customers.received()).singleElement().satisfies((received) -> {
			assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
			assertThat(received.header(GatewayVouching.boundTokenHeader())).isNull();
		});
	}

	@Test
	void stolenBoundTokenWithAnotherCertificateIs401InvalidToken() throws Exception {
		HttpResponse<String> response = new TlsClient(tlsDirectory, PartnerCertificate.INITECH.keyStore())
			.get(https("/api/customers"), "Authorization", "Bearer " + boundToAcme());
		assertRejected(response, "bound to another client certificate");
	}

	@Test
	void stolenBoundTokenWithoutACertificateIs401InvalidToken() throws Exception {
		HttpResponse<String> response = new TlsClient(tlsDirectory).get(https("/api/customers"), "Authorization",
				"Bearer " + boundToAcme());
		assertRejected(response, "presenting that certificate");
	}

	@Test
	void stolenBoundTokenOverPlainHttpIs401InvalidToken() throws Exception {
		client().get()
			.uri("/api/customers")
			.header("Authorization", "Bearer " + boundToAcme())
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", (challenge) -> assertThat(challenge).contains("error=\"invalid_token\""))
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:certificate-binding-mismatch");
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void tokenBoundToARevokedCertificateIs401() throws Exception {
		String thumbprint = ClientCertificates
			.thumbprint(ClientCertificateRoutesIntegrationTests.certificate(PartnerCertificate.ACME_REVOKED));
		String token = issuer.token(Persona.BOB).claim("cnf", Map.of("x5t#S256", thumbprint)).build();
		HttpResponse<String> response = new TlsClient(tlsDirectory, PartnerCertificate.ACME_REVOKED.keyStore())
			.get(https("/api/customers"), "Authorization", "Bearer " + token);
		assertRejected(response, "has been revoked");
	}

	@Test
	void unboundTokenNeedsNoCertificate() {
		HttpResponse<String> response = new TlsClient(tlsDirectory).get(https("/api/customers"), "Authorization",
				"Bearer " + issuer.token(Persona.BOB).build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private void assertRejected(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		assertThat(response.body()).contains("urn:gatehouse:problem:certificate-binding-mismatch").contains(detail);
		assertThat(customers.received()).isEmpty();
	}

}
