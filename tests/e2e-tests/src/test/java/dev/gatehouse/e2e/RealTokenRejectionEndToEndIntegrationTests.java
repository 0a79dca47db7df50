package dev.gatehouse.e2e;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.token.TokenClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rejections the unit tests prove with locally signed tokens, repeated with tokens
 * the real Keycloak issued, against both services.
 */
@LauncherOnly("in compose the backends are not published: only the gateway reaches them, over mutual TLS; TroubleshootingTableEndToEndIntegrationTests shows the same rejections through the gateway")
@ExtendWith(RunningPlatform.class)
@WafChecked
class RealTokenRejectionEndToEndIntegrationTests {

	static Platform platform;

	static KeycloakAdmin admin;

	@BeforeAll
	static void platform(Platform running) {
		platform = running;
		admin = new KeycloakAdmin(running);
	}

	private static String customers() {
		return platform.serviceUrl("customer-service") + "/api/customers";
	}

	private static String policies() {
		return platform.serviceUrl("policy-service") + "/api/policies";
	}

	private static void assertRejected(HttpResponse<String> response, String problem) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer error=\"invalid_token\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:gatehouse:problem:" + problem + "\"");
	}

	@Test
	void tokenFromAnotherRealmIsRejectedAsWrongIssuer() {
		String masterRealmToken = platform.keycloak().adminAccessToken();
		assertRejected(Http.get(customers(), masterRealmToken), "wrong-issuer");
		assertRejected(Http.get(policies(), masterRealmToken), "wrong-issuer");
	}

	@Test
	void tokenIssuedForAnotherApiIsRejectedAsWrongAudience() {
		admin.createServiceClient("e2e-other-api", "e2e-other-api-secret", false, Map.of());
		String token = clientCredentials("e2e-other-api", "e2e-other-api-secret");
		assertRejected(Http.get(customers(), token), "wrong-audience");
		assertRejected(Http.get(policies(), token), "wrong-audience");
	}

	@Test
	void expiredRealTokenIsRejectedAsExpired() throws InterruptedException {
		admin.createServiceClient("e2e-short-lived", "e2e-short-lived-secret", true,
				Map.of("access.token.lifespan", "2"));
		String token = clientCredentials("e2e-short-lived", "e2e-short-lived-secret");
		Thread.sleep(2_000 + RunningPlatform.CLOCK_SKEW.toMillis() + 1_500);
		assertRejected(Http.get(customers(), token), "expired-token");
	}

	@Test
	void realTokenWithForgedRolesIsRejectedAsBadSignature() {
		String[] parts = platform.tokens().user("alice").split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"roles\":[\"customer\"]", "\"roles\":[\"agent\",\"customer:read\",\"customer:write\"]");
		assertThat(payload).contains("customer:write");
		String forged = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
		assertRejected(Http.get(customers(), forged), "bad-signature");
	}

	@Test
	void realClaimsWithAlgNoneAreRejected() {
		String[] parts = platform.tokens().client("reporting-batch").split("\\.");
		String none = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		assertRejected(Http.get(customers(), none + "." + parts[1] + "."), "unsupported-algorithm");
	}

	private static String clientCredentials(String clientId, String secret) {
		return new TokenClient(platform.issuerUri()).clientCredentials(clientId, secret);
	}

}
