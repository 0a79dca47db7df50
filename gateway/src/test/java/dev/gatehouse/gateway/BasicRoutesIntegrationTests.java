package dev.gatehouse.gateway;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.gateway.support.Burst;
import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubBackend.Received;
import dev.gatehouse.test.TlsClient;

import static dev.gatehouse.test.TlsClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic on /internal/**, on the TLS listener only, with lockout after repeated
 * failures.
 */
class BasicRoutesIntegrationTests extends GatewayTestSupport {

	TlsClient https;

	@BeforeEach
	void trustTheGeneratedCertificate() {
		this.https = new TlsClient(tlsDirectory);
	}

	String tlsUrl(String path) {
		return "https://127.0.0.1:" + this.tls.port() + path;
	}

	@Test
	void validCredentialsOverTlsReachReportsWithGatewayTokenAndVerifiedCaller() throws Exception {
		HttpResponse<String> response = this.https.get(tlsUrl("/internal/reports"), "Authorization",
				basic("ops", "ops-pass"), "X-Gatehouse-Caller", "admin");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"path\":\"/internal/reports\"");
		Received request = policies.received().get(0);
		assertThat(request.headers().get("x-gatehouse-caller")).containsExactly("ops");
		String token = request.header("Authorization").substring("Bearer ".length());
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("azp")).isEqualTo("gatehouse-gateway");
	}

	@Test
	void tlsHandshakeAsksForButDoesNotRequireAClientCertificate() {
		HttpResponse<String> response = this.https.get(tlsUrl("/internal/reports"), "Authorization",
				basic("ops", "ops-pass"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.https.clientCertificateRequested()).isTrue();
	}

	@Test
	void tlsResponsesCarryHstsAndPlainOnesDoNot() {
		HttpResponse<String> overTls = this.https.get(tlsUrl("/internal/reports"));
		assertThat(overTls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
				(actual) -> assertThat(actual).contains("max-age=31536000").contains("includeSubDomains"));
		client().get().uri("/internal/reports").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
	}

	@Test
	void wrongPasswordIs401WithBasicChallenge() {
		HttpResponse<String> response = this.https.get(tlsUrl("/internal/reports"), "Authorization",
				basic("ops", "wrong"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"gatehouse-internal\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("urn:gatehouse:problem:invalid-credentials");
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void unknownUserIs401LikeAWrongPassword() {
		HttpResponse<String> response = this.https.get(tlsUrl("/internal/reports"), "Authorization",
				basic("nobody", "ops-pass"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("urn:gatehouse:problem:invalid-credentials");
	}

	@Test
	void missingCredentialsIs401WithBasicChallenge() {
		HttpResponse<String> response = this.https.get(tlsUrl("/internal/reports"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"gatehouse-internal\"");
		assertThat(response.body()).contains("urn:gatehouse:problem:missing-credentials");
	}

	@Test
	void plainHttpIsRefusedWith403TellingToUseHttpsAndNoChallenge() {
		client().get()
			.uri("/internal/reports")
			.header("Authorization", basic("ops", "ops-pass"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("WWW-Authenticate")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:https-required")
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("HTTPS")
				.contains("port " + this.tls.port())
				.contains("password changed"));
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void internalApiIsReadOnly() {
		HttpResponse<String> response = this.https.send("POST", tlsUrl("/internal/reports"), "Authorization",
				basic("ops", "ops-pass"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("read-only");
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void parallelGuessesReachThePasswordCheckAtMostTheLockThresholdTimes() {
		// 30 guesses at once for one user; the test profile locks a user after 3
		// failures.
		Burst.Result burst = Burst.get(tlsDirectory, tlsUrl("/internal/reports"), 30,
				(i) -> new String[] { "Authorization", basic("burst-memory", "burst-memory-guess-" + i) });
		assertThat(this.passwordChecks.count("burst-memory-guess-")).isEqualTo(3);
		// Refused as locked, or as one login too many in progress at once; never checked.
		assertThat(burst.statuses()).isEqualTo(Map.of(401, 3L, 429, 27L));
		assertThat(burst.withStatus(429)).allSatisfy((locked) -> {
			assertThat(locked.headers().firstValue("Retry-After")).isPresent();
			assertThat(locked.body()).containsAnyOf("urn:gatehouse:problem:too-many-failed-logins",
					"urn:gatehouse:problem:too-many-concurrent-logins");
		});
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void repeatedFailuresLockTheUserWith429AndRetryAfterUntilTheLockEnds() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(this.https.get(tlsUrl("/internal/reports"), "Authorization", basic("locksmith", "guess" + i))
				.statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = this.https.get(tlsUrl("/internal/reports"), "Authorization",
				basic("locksmith", "locksmith-pass"));
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
		assertThat(locked.body()).contains("urn:gatehouse:problem:too-many-failed-logins");
		assertThat(this.https.get(tlsUrl("/internal/reports"), "Authorization", basic("ops", "ops-pass")).statusCode())
			.as("another user from the same address is not locked")
			.isEqualTo(200);
		Thread.sleep(3_200);
		assertThat(this.https.get(tlsUrl("/internal/reports"), "Authorization", basic("locksmith", "locksmith-pass"))
			.statusCode()).isEqualTo(200);
	}

}
