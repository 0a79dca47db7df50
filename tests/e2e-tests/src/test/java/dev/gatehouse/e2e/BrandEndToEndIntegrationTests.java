package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform of its own under another brand (gatehouse.brand for every service, as
 * ./gatehouse rename would declare it): through the real gateway to the real
 * policy-service, with Keycloak, the problem types clients see carry the brand's prefix
 * whichever part refuses, the verified partner reaches the service in the brand's header,
 * and a partner header under that prefix forged by the client changes nothing.
 */
@LauncherOnly("starts a second platform of its own with settings for the run")
class BrandEndToEndIntegrationTests {

	static final Map<String, String> BRAND = Map.of("gatehouse.brand.problem-type-prefix", "urn:example:problem:",
			"gatehouse.brand.header-prefix", "X-Example-", "gatehouse.brand.api-key-prefix", "exk_");

	static final String ACME_KEY = "ghk_test_acme_0123456789abcdef";

	static Platform platform;

	static LauncherTarget target;

	@BeforeAll
	static void start() {
		PlatformConfig config = PlatformConfig.defaults(Repository.ROOT)
			.withFreePorts()
			.withStateDir(Path.of("target/brand-platform").toAbsolutePath());
		for (Map.Entry<String, String> setting : BRAND.entrySet()) {
			config = config.withPropertyForAllServices(setting.getKey(), setting.getValue());
		}
		platform = Platform.start(config);
		target = new LauncherTarget(platform);
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void theGatewaysRefusalIsAProblemOfTheBrandsType() {
		HttpResponse<String> response = Http.get(target.gateway("/api/policies"), null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(Http.json(response).get("type").asString()).isEqualTo("urn:example:problem:missing-token");
	}

	@Test
	void theVerifiedPartnerReachesTheServiceInTheBrandsHeaderAndAForgedOneChangesNothing() {
		HttpResponse<String> response = Http
			.send(HttpRequest.newBuilder(URI.create(target.gateway("/partner/v1/policies")))
				.header("x-api-key", ACME_KEY)
				.header("X-Example-Partner", "globex"));
		assertThat(response.statusCode()).isEqualTo(200);
		var policies = Http.json(response).get("content");
		assertThat(policies).isNotEmpty();
		// acme sold P-3001, P-3003 and P-3005 in the demo data; globex sold P-3004.
		policies.forEach((policy) -> assertThat(policy.get("id").asString()).isNotEqualTo("P-3004"));
	}

	@Test
	void theServicesRefusalThroughTheGatewayIsAProblemOfTheBrandsType() {
		HttpResponse<String> response = Http
			.send(HttpRequest.newBuilder(URI.create(target.gateway("/partner/v1/policies/P-3004")))
				.header("x-api-key", ACME_KEY));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(Http.json(response).get("type").asString()).isEqualTo("urn:example:problem:not-found");
	}

}
