package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partner key self-service with real Keycloak tokens: acme's administrator (role
 * partner-admin, partner acme from the group attribute) rotates a key through the
 * gateway's key API, the new key works at once, the old one until the time chosen and
 * then gets 401; a revoked key stops at once. A user without the role gets 403. The demo
 * key acme-demo stays usable for the rest of the run (its retirement is set weeks ahead).
 */
@ExtendWith(RunningPlatform.class)
class PartnerKeyRotationEndToEndIntegrationTests {

	static final String ACME_DEMO_KEY = "ghk_test_acme_0123456789abcdef";

	static Target target;

	@BeforeAll
	static void target(Target running) {
		target = running;
	}

	@Test
	void acmesAdministratorRotatesAKeyAndTheOldOneStopsAtTheChosenTime() throws Exception {
		String admin = RealTokens.of(target, "acme-admin");
		JsonNode token = payload(admin);
		assertThat(token.path("partner").asString()).isEqualTo("acme");
		assertThat(token.path("realm_access").path("roles").valueStream().map(JsonNode::asString))
			.contains("partner-admin");

		JsonNode first = rotate(admin, "acme-demo", Instant.now().plus(Duration.ofDays(20)));
		String firstKey = first.path("key").asString();
		// Long enough for the rotation and the two calls below to find the old key still
		// working on a loaded machine.
		Instant retireAt = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
		JsonNode second = rotate(admin, first.path("id").asString(), retireAt);
		String secondKey = second.path("key").asString();
		assertThat(second.path("replaced").get(0).path("retiresAt").asString()).isEqualTo(retireAt.toString());

		assertThat(partnerCall(secondKey).statusCode()).isEqualTo(200);
		assertThat(partnerCall(firstKey).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> partnerCall(firstKey).statusCode() == 401);
		assertThat(Instant.now()).isAfterOrEqualTo(retireAt);
		HttpResponse<String> retired = partnerCall(firstKey);
		assertThat(Http.json(retired).path("type").asString()).isEqualTo("urn:gatehouse:problem:retired-api-key");
		assertThat(partnerCall(secondKey).statusCode()).isEqualTo(200);
		assertThat(partnerCall(ACME_DEMO_KEY).statusCode()).isEqualTo(200);

		HttpResponse<String> revoked = Http.send("DELETE",
				target.gateway("/portal/api/keys/" + second.path("id").asString()), admin, null);
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		HttpResponse<String> refused = partnerCall(secondKey);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(Http.json(refused).path("type").asString()).isEqualTo("urn:gatehouse:problem:revoked-api-key");

		HttpResponse<String> listed = Http.get(target.gateway("/portal/api/keys"), admin);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(Http.json(listed).valueStream().map((key) -> key.path("id").asString())).contains("acme-demo",
				first.path("id").asString(), second.path("id").asString());
		assertThat(listed.body()).doesNotContain(firstKey)
			.doesNotContain(secondKey)
			.doesNotContain(sha256(ACME_DEMO_KEY))
			.doesNotContain(sha256(firstKey));
	}

	@Test
	void aUserWithoutThePartnerAdminRoleGets403() {
		HttpResponse<String> refused = Http.get(target.gateway("/portal/api/keys"), RealTokens.of(target, "bob"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(Http.json(refused).path("type").asString())
			.isEqualTo("urn:gatehouse:problem:partner-admin-required");
	}

	private static JsonNode rotate(String admin, String keyId, Instant retireOldAt) {
		HttpResponse<String> response = Http.send("POST", target.gateway("/portal/api/keys/rotate"), admin,
				"{\"keyId\": \"" + keyId + "\", \"retireOldAt\": \"" + retireOldAt + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = Http.json(response);
		assertThat(body.path("key").asString()).matches("ghk_live_acme_[0-9a-f]{32}");
		return body;
	}

	private static HttpResponse<String> partnerCall(String key) {
		return Http
			.send(HttpRequest.newBuilder(URI.create(target.gateway("/partner/v1/policies"))).header("x-api-key", key));
	}

	private static JsonNode payload(String jwt) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonMapper.builder().build().readTree(payload);
	}

	private static String sha256(String key) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
	}

}
