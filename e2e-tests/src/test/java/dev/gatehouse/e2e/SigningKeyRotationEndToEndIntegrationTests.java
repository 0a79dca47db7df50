package dev.gatehouse.e2e;

import java.time.Duration;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gatehouse.launcher.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator rotates the realm's signing key in Keycloak: a new key is added and the old one
 * disabled. The running services accept tokens signed with the new key at once, without a restart,
 * and stop accepting tokens signed with the removed key within their key-cache lifetime. Tokens from
 * another realm just before the rotation do not delay it: they never make a service refetch keys, so
 * the refetches the rate limit allows are left for the new key.
 * Runs last: it invalidates every token issued before it.
 */
@Order(Integer.MAX_VALUE)
@LauncherOnly("in compose the backends are not published: only the gateway reaches them, over mutual TLS; and a rotation would invalidate the tokens of the compose-only tests that run after the suite")
@ExtendWith(RunningPlatform.class)
class SigningKeyRotationEndToEndIntegrationTests {

	@Test
	void newKeyIsAcceptedWithoutRestartAndRemovedKeyIsRejectedWithinTheKeyCacheLifetime(Platform platform) {
		String customers = platform.serviceUrl("customer-service") + "/api/customers";
		String policies = platform.serviceUrl("policy-service") + "/api/policies";
		String oldKeyToken = platform.tokens().client("reporting-batch");
		assertThat(Http.get(customers, oldKeyToken).statusCode()).isEqualTo(200);
		assertThat(Http.get(policies, oldKeyToken).statusCode()).isEqualTo(200);

		String otherRealmToken = platform.keycloak().adminAccessToken();
		for (int i = 0; i < 3; i++) {
			assertThat(Http.get(customers, otherRealmToken).statusCode()).isEqualTo(401);
			assertThat(Http.get(policies, otherRealmToken).statusCode()).isEqualTo(401);
		}

		KeycloakAdmin admin = new KeycloakAdmin(platform);
		String newKey = admin.addSigningKey("rotated-" + System.currentTimeMillis(), 500);
		admin.disableSigningKeysExcept(newKey);
		String newKeyToken = platform.tokens().client("reporting-batch");
		assertThat(kid(newKeyToken)).isNotEqualTo(kid(oldKeyToken));

		assertThat(Http.get(customers, newKeyToken).statusCode()).isEqualTo(200);
		assertThat(Http.get(policies, newKeyToken).statusCode()).isEqualTo(200);

		Duration limit = RunningPlatform.KEY_CACHE_TTL.plusSeconds(5);
		await().atMost(limit).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			assertThat(Http.get(customers, oldKeyToken).statusCode()).isEqualTo(401);
			assertThat(Http.get(policies, oldKeyToken).statusCode()).isEqualTo(401);
		});
		assertThat(Http.get(customers, oldKeyToken).body()).contains("urn:gatehouse:problem:bad-signature");
		assertThat(Http.get(customers, newKeyToken).statusCode()).isEqualTo(200);
	}

	private static String kid(String token) {
		String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]),
				java.nio.charset.StandardCharsets.UTF_8);
		return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
	}

}
