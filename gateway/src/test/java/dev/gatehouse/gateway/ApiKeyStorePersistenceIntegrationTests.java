package dev.gatehouse.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.RedisServer;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The key store in a real {@code redis-server} run as compose and Kubernetes run it
 * (append-only file, fsync once a second, in a folder standing for the volume): what the
 * key API did survives a restart of Redis (a rotated key keeps working, a revoked key, a
 * configured one included, stays refused, a retirement keeps its time); and a Redis that
 * comes back empty (a lost volume) is seeded again from the configuration, not silently:
 * with a warning, an audit event and a counter, since a configured key revoked only
 * through the API works again then.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiKeyStorePersistenceIntegrationTests extends GatewayTestSupport {

	static final String ACME = "ghk_test_acme_0123456789abcdef";

	static final Path volume = folder();

	static final RedisServer redis = RedisServer.startOnFreePortWithAppendOnlyFile(volume);

	static final JsonMapper json = JsonMapper.builder().build();

	/** The key the rotation below made: shown once, kept for the next test. */
	static String rotated;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void redisStore(DynamicPropertyRegistry registry) {
		register(registry, redisStore(redis));
	}

	@AfterAll
	static void stopRedis() throws IOException {
		redis.stop();
		deleteContents(volume);
		Files.deleteIfExists(volume);
	}

	@Test
	@Order(1)
	void rotationsRetirementsAndRevocationsThroughTheKeyApiSurviveARedisRestart(CapturedOutput output)
			throws Exception {
		Instant retireAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		String body = client().post()
			.uri("/portal/api/keys/rotate")
			.header(HttpHeaders.AUTHORIZATION, bearer(acmeAdmin()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"retireOldAt\": \"" + retireAt + "\", \"keyId\": \"acme-next\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		rotated = json.readTree(body).get("key").asString();
		// acme-demo is a configured (seed) key: its revocation lives only in the store.
		client().delete()
			.uri("/portal/api/keys/acme-demo")
			.header(HttpHeaders.AUTHORIZATION, bearer(acmeAdmin()))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(status(rotated)).isEqualTo(200);
		assertRevoked(ACME);

		redis.stop();
		redis.start();

		// The first call after the restart may meet Lettuce reconnecting (503).
		await().atMost(Duration.ofSeconds(20)).until(() -> status(rotated) == 200);
		assertRevoked(ACME);
		JsonNode keys = json.readTree(client().get()
			.uri("/portal/api/keys")
			.header(HttpHeaders.AUTHORIZATION, bearer(acmeAdmin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		assertThat(keys.valueStream()
			.filter((key) -> key.path("id").asString().equals("acme-next"))
			.map((key) -> key.path("retiresAt").asString())).containsExactly(retireAt.toString());
		assertThat(keys.valueStream()
			.filter((key) -> key.path("id").asString().equals("acme-demo"))
			.map((key) -> key.path("state").asString())).containsExactly("revoked");
		assertThat(output.getAll()).doesNotContain("lost its keys").doesNotContain(rotated);
		assertThat(lostCounter()).isZero();
	}

	@Test
	@Order(2)
	void aRedisThatComesBackEmptyIsSeededAgainWithAWarningAnAuditEventAndACounter(CapturedOutput output)
			throws IOException {
		redis.stop();
		deleteContents(volume);
		redis.start();

		// The configuration's keys are back; the revocation made through the API is not:
		// the hazard the warning names.
		await().atMost(Duration.ofSeconds(20)).until(() -> status(ACME) == 200);
		assertThat(status(rotated)).isEqualTo(401);
		assertThat(output.getAll()).contains("The API key store lost its keys (Redis came back empty)")
			.contains("The API key store came back empty; the");
		assertThat(lostCounter()).isEqualTo(1.0);
	}

	private double lostCounter() {
		Counter lost = this.meters.find("gatehouse.api-keys.store.seeded").tag("reason", "lost").counter();
		return (lost != null) ? lost.count() : 0.0;
	}

	private int status(String key) {
		return client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", key)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private void assertRevoked(String key) {
		client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", key)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:revoked-api-key");
	}

	private static String acmeAdmin() {
		return issuer.token(Persona.EVE)
			.claim("preferred_username", "acme-admin")
			.claim("realm_access", Map.of("roles", List.of("partner-admin")))
			.claim("partner", "acme")
			.build();
	}

	private static Path folder() {
		try {
			return Files.createTempDirectory("gatehouse-redis-aof");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteContents(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				if (!path.equals(folder)) {
					Files.delete(path);
				}
			}
		}
	}

}
