package dev.gatehouse.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.RedisServer;
import dev.gatehouse.test.DpopKey;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DPoP across two gateway instances sharing a real {@code redis-server} (the Redis
 * rate-limit store), with server nonces required: a proof used at one instance is refused
 * at the other, a nonce handed out by one is accepted by the other, nonces rotate, and
 * while Redis does not answer DPoP requests are refused (503, fail closed) rather than
 * accepted unchecked.
 */
class DpopReplicasIntegrationTests extends GatewayTestSupport {

	static final Duration ROTATION = Duration.ofSeconds(1);

	static final RedisServer redis = RedisServer.startOnFreePort();

	static final Map<String, String> settings = settings();

	static final DpopKey key = DpopKey.generate();

	static ConfigurableApplicationContext secondInstance;

	@DynamicPropertySource
	static void dpop(DynamicPropertyRegistry registry) {
		register(registry, settings);
	}

	static Map<String, String> settings() {
		Map<String, String> settings = redisStore(redis);
		settings.put("gatehouse.gateway.dpop.nonce.required", "true");
		settings.put("gatehouse.gateway.dpop.nonce.rotation", ROTATION.toMillis() + "ms");
		return settings;
	}

	@BeforeAll
	static void startSecondInstance() {
		secondInstance = startSecondGateway(settings);
	}

	@AfterAll
	static void stopSecondInstanceAndRedis() {
		if (secondInstance != null) {
			secondInstance.close();
		}
		redis.stop();
	}

	int secondPort() {
		return port(secondInstance);
	}

	WebTestClient second() {
		return client("http://127.0.0.1:" + secondPort());
	}

	static String boundToken() {
		return issuer.token(Persona.BOB).claim("cnf", key.confirmation()).build();
	}

	EntityExchangeResult<String> call(WebTestClient client, int port, String token, String nonce, String proof) {
		String url = "http://127.0.0.1:" + port + "/api/customers";
		String dpop = (proof != null) ? proof : key.proof("GET", url).accessToken(token).nonce(nonce).build();
		return client.get()
			.uri("/api/customers")
			.header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
			.header("DPoP", dpop)
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	/** The nonce an instance hands out: from the 401 of a proof without one. */
	String nonceFrom(WebTestClient client, int port) {
		EntityExchangeResult<String> challenge = call(client, port, boundToken(), null, null);
		assertThat(challenge.getStatus().value()).as(challenge.getResponseBody()).isEqualTo(401);
		assertThat(challenge.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("DPoP error=\"use_dpop_nonce\"");
		assertThat(challenge.getResponseBody()).contains(GatewayProblem.USE_DPOP_NONCE.type());
		String nonce = challenge.getResponseHeaders().getFirst("DPoP-Nonce");
		assertThat(nonce).isNotBlank();
		return nonce;
	}

	@Test
	void aProofWithoutTheNonceGetsUseDpopNonceAndANonceFromOneInstanceIsAcceptedByTheOther() {
		String nonce = nonceFrom(client(), this.port);
		String token = boundToken();
		EntityExchangeResult<String> accepted = call(second(), secondPort(), token, nonce, null);
		assertThat(accepted.getStatus().value()).as(accepted.getResponseBody()).isEqualTo(200);
		assertThat(accepted.getResponseHeaders().getFirst("DPoP-Nonce"))
			.as("every DPoP response names the nonce to use")
			.isNotBlank();
		EntityExchangeResult<String> madeUp = call(client(), this.port, token, "made-up-nonce", null);
		assertThat(madeUp.getStatus().value()).isEqualTo(401);
		assertThat(madeUp.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("DPoP error=\"use_dpop_nonce\"");
		assertThat(madeUp.getResponseHeaders().getFirst("DPoP-Nonce")).isNotBlank();
	}

	@Test
	void aProofUsedAtOneInstanceIsRefusedAtTheOther() {
		String nonce = nonceFrom(client(), this.port);
		String token = boundToken();
		// Both instances behind one proxy (::1, trusted in the test configuration): one
		// public URI.
		String proof = key.proof("GET", "https://api.example.com/api/customers")
			.accessToken(token)
			.nonce(nonce)
			.build();
		WebTestClient first = client("http://[::1]:" + this.port);
		WebTestClient other = client("http://[::1]:" + secondPort());
		assertThat(viaProxy(first, token, proof).getStatus().value()).isEqualTo(200);
		EntityExchangeResult<String> replayed = viaProxy(other, token, proof);
		assertThat(replayed.getStatus().value()).isEqualTo(401);
		assertThat(replayed.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("DPoP error=\"invalid_dpop_proof\"");
		assertThat(replayed.getResponseBody()).contains(GatewayProblem.DPOP_PROOF_REPLAYED.type());
		assertThat(viaProxy(first, token, proof).getResponseBody()).contains(GatewayProblem.DPOP_PROOF_REPLAYED.type());
		assertThat(customers.received()).hasSize(1);
	}

	EntityExchangeResult<String> viaProxy(WebTestClient client, String token, String proof) {
		return client.get()
			.uri("/api/customers")
			.header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
			.header("DPoP", proof)
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "api.example.com")
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	@Test
	void nonceRotatesAndAnOldOneIsRefusedWithTheCurrentOne() throws Exception {
		String old = nonceFrom(client(), this.port);
		Thread.sleep(ROTATION.multipliedBy(3).toMillis());
		EntityExchangeResult<String> stale = call(second(), secondPort(), boundToken(), old, null);
		assertThat(stale.getStatus().value()).isEqualTo(401);
		assertThat(stale.getResponseBody()).contains("not current");
		String current = stale.getResponseHeaders().getFirst("DPoP-Nonce");
		assertThat(current).isNotEqualTo(old);
		assertThat(call(client(), this.port, boundToken(), current, null).getStatus().value()).isEqualTo(200);
	}

	@Test
	void whileRedisDoesNotAnswerDpopRequestsAreRefusedWith503AndWorkAgainOnceItIsBack() {
		String nonce = nonceFrom(client(), this.port);
		redis.stop();
		try {
			EntityExchangeResult<String> refused = call(client(), this.port, boundToken(), nonce, null);
			assertThat(refused.getStatus().value()).isEqualTo(503);
			assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			assertThat(refused.getResponseBody()).contains(GatewayProblem.DPOP_REPLAY_CHECK_UNAVAILABLE.type());
		}
		finally {
			redis.start();
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(
					call(client(), this.port, boundToken(), nonceFrom(client(), this.port), null).getStatus().value())
				.isEqualTo(200));
		assertThat(customers.received()).isNotEmpty();
	}

}
