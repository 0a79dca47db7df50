package dev.gatehouse.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.gateway.apikey.ApiKeyHashes;
import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.RedisServer;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partner key API on two gateway instances sharing a real {@code redis-server} (the
 * Redis key store): a rotation at one instance gives a key both accept at once, the old
 * keys work on both until the time the administrator chose and then get 401; a revocation
 * at one instance holds at the other at once; an administrator of another partner, or a
 * caller without the role, gets 403 and changes nothing; the list shows metadata, never a
 * key or its hash; no log line holds a key.
 */
@ExtendWith(OutputCaptureExtension.class)
class PartnerKeysIntegrationTests extends GatewayTestSupport {

	static final String ACME = "ghk_test_acme_0123456789abcdef";

	static final String ACME_NEXT = "ghk_test_acme_next_00000000000000000000000000000000";

	static final String UMBRELLA = "ghk_test_umbrella_narrow";

	static final RedisServer redis = RedisServer.startOnFreePort();

	static final Map<String, String> settings = redisStore(redis);

	static final JsonMapper json = JsonMapper.builder().build();

	static ConfigurableApplicationContext secondInstance;

	@DynamicPropertySource
	static void redisStore(DynamicPropertyRegistry registry) {
		register(registry, settings);
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

	WebTestClient second() {
		return client("http://127.0.0.1:" + port(secondInstance));
	}

	static String admin(String username, String partner) {
		return issuer.token(Persona.EVE)
			.claim("preferred_username", username)
			.claim("realm_access", Map.of("roles", List.of("partner-admin")))
			.claim("partner", partner)
			.build();
	}

	@Test
	void rotationGivesANewKeyOnceAndTheOldKeysWorkOnEveryReplicaUntilTheirRetirement(CapturedOutput output)
			throws Exception {
		// Long enough for the six calls below to find the old keys still working on a
		// loaded machine.
		Instant retireAt = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
		EntityExchangeResult<String> rotated = client().post()
			.uri("/portal/api/keys/rotate")
			.header(HttpHeaders.AUTHORIZATION, bearer(admin("acme-admin", "acme")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"retireOldAt\": \"" + retireAt + "\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(String.class)
			.returnResult();
		JsonNode body = json.readTree(rotated.getResponseBody());
		String key = body.get("key").asString();
		assertThat(key).matches("ghk_live_acme_[0-9a-f]{32}");
		assertThat(body.get("partner").asString()).isEqualTo("acme");
		assertThat(body.get("plan").asString()).isEqualTo("gold");
		assertThat(body.get("replaced").valueStream().map((old) -> old.get("id").asString()))
			.containsExactlyInAnyOrder("acme-demo", "acme-next");
		assertThat(body.get("replaced").valueStream().map((old) -> old.get("retiresAt").asString()))
			.containsOnly(retireAt.toString());
		assertThat(rotated.getResponseBody()).doesNotContain(ApiKeyHashes.sha256(key));

		for (WebTestClient instance : List.of(client(), second())) {
			assertPartnerCall(instance, key, 200);
			assertPartnerCall(instance, ACME, 200);
			assertPartnerCall(instance, ACME_NEXT, 200);
		}
		// Polled by status alone: a failed WebTestClient assertion prints the request,
		// key included, into the output this test searches.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> second().get()
				.uri("/partner/v1/policies")
				.header("x-api-key", ACME)
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 401);
		for (WebTestClient instance : List.of(client(), second())) {
			assertRefused(instance, ACME, "retired-api-key", "'acme-demo' was replaced and retired at " + retireAt);
			assertRefused(instance, ACME_NEXT, "retired-api-key", "'acme-next' was replaced");
			assertPartnerCall(instance, key, 200);
		}
		assertThat(output.getAll()).contains("of partner acme created by acme-admin")
			.doesNotContain(key)
			.doesNotContain(ApiKeyHashes.sha256(key))
			.doesNotContain(ACME);
	}

	@Test
	void revocationAtOneReplicaHoldsAtTheOtherAtOnce() {
		assertPartnerCall(client(), UMBRELLA, "/partner/v1/policies/P-1", 200);
		assertPartnerCall(second(), UMBRELLA, "/partner/v1/policies/P-1", 200);
		second().delete()
			.uri("/portal/api/keys/umbrella-narrow")
			.header(HttpHeaders.AUTHORIZATION, bearer(admin("umbrella-admin", "umbrella")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("umbrella-narrow")
			.jsonPath("$.state")
			.isEqualTo("revoked");
		for (WebTestClient instance : List.of(client(), second())) {
			instance.get()
				.uri("/partner/v1/policies/P-1")
				.header("x-api-key", UMBRELLA)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(GatewayProblem.REVOKED_API_KEY.type());
		}
	}

	@Test
	void anAdministratorOfAnotherPartnerGets403AndChangesNothing() {
		String globexAdmin = admin("globex-admin", "globex");
		client().delete()
			.uri("/portal/api/keys/acme-demo")
			.header(HttpHeaders.AUTHORIZATION, bearer(globexAdmin))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(GatewayProblem.API_KEY_OF_ANOTHER_PARTNER.type())
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("not a key of partner 'globex'"));
		second().post()
			.uri("/portal/api/keys/rotate")
			.header(HttpHeaders.AUTHORIZATION, bearer(globexAdmin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"keyId\": \"acme-demo\", \"retireOldAt\": \"" + Instant.now().plusSeconds(60) + "\"}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(GatewayProblem.API_KEY_OF_ANOTHER_PARTNER.type());
		client().get()
			.uri("/portal/api/keys")
			.header(HttpHeaders.AUTHORIZATION, bearer(admin("acme-admin", "acme")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == 'acme-demo')].state")
			.value((states) -> assertThat(states.toString()).doesNotContain("revoked"));
		client().get()
			.uri("/portal/api/keys")
			.header(HttpHeaders.AUTHORIZATION, bearer(globexAdmin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].partner")
			.value((partners) -> assertThat(partners.toString()).doesNotContain("acme"));
	}

	@Test
	void aCallerWithoutThePartnerAdminRoleGets403AndWithoutATokenGets401() {
		client().get()
			.uri("/portal/api/keys")
			.header(HttpHeaders.AUTHORIZATION, bearer(issuer.token(Persona.ALICE).claim("partner", "acme").build()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(GatewayProblem.PARTNER_ADMIN_REQUIRED.type())
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("'partner-admin'"));
		client().delete()
			.uri("/portal/api/keys/acme-demo")
			.header(HttpHeaders.AUTHORIZATION, bearer(issuer.token(Persona.BOB).build()))
			.exchange()
			.expectStatus()
			.isForbidden();
		client().get()
			.uri("/portal/api/keys")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer"));
	}

	@Test
	void theListShowsMetadataOnlyNeverAKeyOrItsHash() throws Exception {
		EntityExchangeResult<String> listed = second().get()
			.uri("/portal/api/keys")
			.header(HttpHeaders.AUTHORIZATION, bearer(admin("acme-admin", "acme")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(String.class)
			.returnResult();
		JsonNode keys = json.readTree(listed.getResponseBody());
		assertThat(keys.valueStream().map((key) -> key.get("id").asString())).contains("acme-demo", "acme-next");
		keys.forEach((key) -> assertThat(key.propertyNames()).containsExactlyInAnyOrder("id", "partner", "state",
				"created", "notAfter", "retiresAt", "plan", "routes"));
		assertThat(listed.getResponseBody()).doesNotContain(ApiKeyHashes.sha256(ACME))
			.doesNotContain(ApiKeyHashes.sha256(ACME_NEXT))
			.doesNotContain("ghk_")
			.doesNotContain("sha256");
	}

	@Test
	void aRetirementInThePastIsRefusedWithAProblemNamingTheField() {
		client().post()
			.uri("/portal/api/keys/rotate")
			.header(HttpHeaders.AUTHORIZATION, bearer(admin("acme-admin", "acme")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"retireOldAt\": \"2020-01-01T00:00:00Z\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("'retireOldAt'"));
		client().post()
			.uri("/portal/api/keys/rotate")
			.header(HttpHeaders.AUTHORIZATION, bearer(admin("acme-admin", "acme")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("not json")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(GatewayProblem.MALFORMED_BODY.type());
	}

	private static void assertPartnerCall(WebTestClient instance, String key, int status) {
		assertPartnerCall(instance, key, "/partner/v1/policies", status);
	}

	private static void assertPartnerCall(WebTestClient instance, String key, String path, int status) {
		instance.get().uri(path).header("x-api-key", key).exchange().expectStatus().isEqualTo(status);
	}

	private static void assertRefused(WebTestClient instance, String key, String problem, String detail) {
		instance.get()
			.uri("/partner/v1/policies")
			.header("x-api-key", key)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:" + problem)
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains(detail));
	}

}
