package dev.gatehouse.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TlsClient;

import static dev.gatehouse.test.TlsClient.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refused credentials of every kind count against the client address, which is blocked
 * with 429 once it has too many (3 here), before any credential is read: the next request
 * is refused even with valid credentials. Each test plays a client of its own address,
 * behind the trusted proxy (::1) of the test configuration. Memory store;
 * RateLimitIntegrationTests covers Redis.
 */
@TestPropertySource(properties = { "gatehouse.gateway.failed-authentication.max-failures=3",
		"gatehouse.gateway.failed-authentication.window=1m", "gatehouse.gateway.failed-authentication.block=3s" })
class FailedAuthenticationLimitIntegrationTests extends GatewayTestSupport {

	static final String ACME_KEY = "ghk_test_acme_0123456789abcdef";

	@Autowired
	MeterRegistry meters;

	WebTestClient.ResponseSpec get(String path, String client, String header, String value) {
		return viaTrustedProxy().get().uri(path).header("X-Forwarded-For", client).header(header, value).exchange();
	}

	String validBearer() {
		return bearer(issuer.token(Persona.BOB).build());
	}

	/**
	 * The TLS listener through the trusted proxy (::1), so that X-Forwarded-For names the
	 * client.
	 */
	String tlsViaProxy(String path) {
		return "https://[::1]:" + this.tls.port() + path;
	}

	static void assertBlocked(int status, String contentType, String body, String retryAfter) {
		assertThat(status).isEqualTo(429);
		assertThat(contentType).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body).contains("\"type\":\"" + GatewayProblem.TOO_MANY_FAILED_AUTHENTICATIONS.type() + "\"")
			.contains("retry after");
		assertThat(Long.parseLong(retryAfter)).isBetween(1L, 3L);
	}

	void assertBlocked(WebTestClient.ResponseSpec response) {
		var result = response.expectBody(String.class).returnResult();
		assertBlocked(result.getStatus().value(), result.getResponseHeaders().getContentType().toString(),
				result.getResponseBody(), result.getResponseHeaders().getFirst("Retry-After"));
	}

	static void assertBlocked(HttpResponse<String> response) {
		assertBlocked(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
				response.body(), response.headers().firstValue("Retry-After").orElse("0"));
	}

	@Test
	void refusedBearerTokensBlockTheAddressEvenForAValidTokenUntilTheBlockEnds() {
		String client = "198.51.100.21";
		double blockedBefore = blockedCount();
		for (int i = 0; i < 3; i++) {
			get("/api/customers", client, "Authorization", "Bearer not.a.token" + i).expectStatus().isUnauthorized();
		}
		assertBlocked(get("/api/customers", client, "Authorization", validBearer()));
		assertThat(customers.received()).isEmpty();
		get("/api/customers", "198.51.100.121", "Authorization", validBearer()).expectStatus().isOk();
		assertThat(blockedCount()).isEqualTo(blockedBefore + 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> get("/api/customers", client, "Authorization", validBearer()).expectStatus().isOk());
	}

	@Test
	void refusedApiKeysBlockTheAddress() {
		String client = "198.51.100.22";
		for (int i = 0; i < 3; i++) {
			get("/partner/v1/policies", client, "x-api-key", "ghk_test_guess_" + i).expectStatus().isUnauthorized();
		}
		assertBlocked(get("/partner/v1/policies", client, "x-api-key", ACME_KEY));
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void refusedClientCertificatesBlockTheAddress() {
		String client = "198.51.100.23";
		TlsClient unregistered = new TlsClient(tlsDirectory, PartnerCertificate.INITECH.keyStore());
		for (int i = 0; i < 3; i++) {
			assertThat(unregistered.get(tlsViaProxy("/partner/mtls/policies"), "X-Forwarded-For", client).statusCode())
				.isEqualTo(401);
		}
		TlsClient acme = new TlsClient(tlsDirectory, PartnerCertificate.ACME.keyStore());
		assertBlocked(acme.get(tlsViaProxy("/partner/mtls/policies"), "X-Forwarded-For", client));
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void refusedBasicCredentialsBlockTheAddress() {
		// /internal/** admits private networks only (the test configuration's IP rule).
		String client = "10.51.100.24";
		TlsClient https = new TlsClient(tlsDirectory);
		for (int i = 0; i < 3; i++) {
			// Another user name each time: the per-user lockout alone would not stop
			// this.
			assertThat(https
				.get(tlsViaProxy("/internal/reports"), "X-Forwarded-For", client, "Authorization",
						basic("guess" + i, "guess"))
				.statusCode()).isEqualTo(401);
		}
		assertBlocked(https.get(tlsViaProxy("/internal/reports"), "X-Forwarded-For", client, "Authorization",
				basic("ops", "ops-pass")));
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void requestsWithoutCredentialsAndSuccessfulOnesDoNotCount() {
		String client = "198.51.100.25";
		for (int i = 0; i < 5; i++) {
			viaTrustedProxy().get()
				.uri("/api/customers")
				.header("X-Forwarded-For", client)
				.exchange()
				.expectStatus()
				.isUnauthorized();
			get("/api/customers", client, "Authorization", validBearer()).expectStatus().isOk();
		}
		get("/api/customers", client, "Authorization", "Bearer not.a.token").expectStatus().isUnauthorized();
		get("/api/customers", client, "Authorization", validBearer()).expectStatus().isOk();
	}

	double blockedCount() {
		Counter counter = this.meters.find("gatehouse.authentication.failures")
			.tag("reason", "too-many-failed-authentications")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
