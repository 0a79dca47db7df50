package dev.gatehouse.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.RedisServer;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While Redis, the key store, does not answer, an API key is refused with 503 and
 * {@code Retry-After} (fail closed: a revoked key must not pass because the store could
 * not say so), and the key API answers 503 having changed nothing. A Redis that comes
 * back empty gets the configured keys again.
 */
class ApiKeyStoreOutageIntegrationTests extends GatewayTestSupport {

	static final RedisServer redis = RedisServer.startOnFreePort();

	@DynamicPropertySource
	static void redisStore(DynamicPropertyRegistry registry) {
		register(registry, redisStore(redis));
	}

	@AfterAll
	static void stopRedis() {
		redis.stop();
	}

	@Test
	void keysAreRefusedWith503WhileTheStoreDoesNotAnswer() {
		client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", "ghk_test_acme_0123456789abcdef")
			.exchange()
			.expectStatus()
			.isOk();
		redis.stop();
		try {
			client().get()
				.uri("/partner/v1/policies")
				.header("x-api-key", "ghk_test_acme_0123456789abcdef")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "1")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(GatewayProblem.API_KEY_STORE_UNAVAILABLE.type());
			String admin = issuer.token(Persona.EVE)
				.claim("realm_access", Map.of("roles", List.of("partner-admin")))
				.claim("partner", "acme")
				.build();
			client().delete()
				.uri("/portal/api/keys/acme-demo")
				.header(HttpHeaders.AUTHORIZATION, bearer(admin))
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(GatewayProblem.API_KEY_STORE_UNAVAILABLE.type());
			// Only the call before the outage reached the backend.
			assertThat(policies.received()).hasSize(1);
		}
		finally {
			redis.start();
		}
		// The restarted Redis has lost every key: the first unknown key seeds the
		// configured ones again.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> client().get()
				.uri("/partner/v1/policies")
				.header("x-api-key", "ghk_test_acme_0123456789abcdef")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
	}

}
