package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.launcher.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The gateway as the one entry point (behind the edge in compose): the contract's rules
 * for every persona through it, API keys and Basic on their routes with the gateway's own
 * token behind them, forged identity headers ignored, and backends that still demand a
 * token when reached directly.
 */
@ExtendWith(RunningPlatform.class)
@WafChecked
class GatewayEndToEndIntegrationTests {

	static Target target;

	@BeforeAll
	static void target(Target running) {
		target = running;
	}

	static String gateway(String path) {
		return target.gateway(path);
	}

	static final String BASIC = "Basic "
			+ Base64.getEncoder().encodeToString("ops:ops-pass".getBytes(StandardCharsets.UTF_8));

	static Stream<Arguments> personas() {
		return Stream.of(arguments("alice", 200, 200, 403), arguments("frank", 200, 200, 403),
				arguments("bob", 200, 200, 201), arguments("carol", 403, 200, 403), arguments("dave", 200, 200, 403),
				arguments("eve", 403, 403, 403), arguments("reporting-batch", 200, 200, 403));
	}

	@ParameterizedTest(name = "{0}: GET customers {1}, GET policies {2}, POST customer {3}")
	@MethodSource("personas")
	void contractRulesHoldThroughTheGateway(String caller, int readCustomers, int readPolicies, int createCustomer) {
		String token = RealTokens.of(target, caller);
		assertThat(Http.get(gateway("/api/customers"), token).statusCode()).isEqualTo(readCustomers);
		assertThat(Http.get(gateway("/api/policies"), token).statusCode()).isEqualTo(readPolicies);
		assertThat(Http
			.send("POST", gateway("/api/customers"), token,
					"{\"name\":\"Via Gateway " + caller + "\",\"email\":\"gw-" + caller + "@example.com\"}")
			.statusCode()).isEqualTo(createCustomer);
	}

	@Test
	void customerSeesOnlyOwnRecordsThroughTheGateway() {
		String alice = RealTokens.of(target, "alice");
		assertThat(Http.get(gateway("/api/customers/C-1002"), alice).statusCode()).isEqualTo(404);
		assertThat(Http.json(Http.get(gateway("/api/customers"), alice)).get("content")).hasSize(1);
	}

	@Test
	void partnerKeySeesOnlyItsOwnPoliciesEvenWithAForgedPartnerHeader() {
		HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(gateway("/partner/v1/policies")))
			.header("x-api-key", "ghk_test_acme_0123456789abcdef")
			.header("X-Gatehouse-Partner", "globex"));
		assertThat(response.statusCode()).isEqualTo(200);
		var policies = Http.json(response).get("content");
		assertThat(policies).isNotEmpty();
		// acme sold P-3001, P-3003 and P-3005 in the demo data; globex sold P-3004.
		policies.forEach((policy) -> assertThat(policy.get("id").asString()).isNotEqualTo("P-3004"));
		assertThat(response.body()).doesNotContain("alice").doesNotContain("frank");
	}

	@Test
	void apiKeyInTheQueryStringIsRefused() {
		HttpResponse<String> response = Http
			.get(gateway("/partner/v1/policies?x-api-key=ghk_test_acme_0123456789abcdef"), null);
		assertThat(response.statusCode()).isBetween(400, 401);
		assertThat(response.body()).contains("urn:gatehouse:problem:api-key-in-query");
	}

	@Test
	void basicCredentialsWorkOverTls() {
		HttpResponse<String> report = Http
			.send(HttpRequest.newBuilder(URI.create(target.gatewayTls("/internal/reports")))
				.header("Authorization", BASIC));
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.body()).contains("countsByStatus");
		assertThat(report.headers().firstValue("Strict-Transport-Security")).isPresent();

		HttpResponse<String> wrongPassword = Http
			.send(HttpRequest.newBuilder(URI.create(target.gatewayTls("/internal/reports")))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString("ops:wrong".getBytes(StandardCharsets.UTF_8))));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
	}

	@Test
	@LauncherOnly("in compose, plain HTTP ends at the edge's 308 redirect and never reaches the gateway's own refusal")
	void basicCredentialsAreRefusedOverPlainHttp() {
		HttpResponse<String> plain = Http
			.send(HttpRequest.newBuilder(URI.create(gateway("/internal/reports"))).header("Authorization", BASIC));
		assertThat(plain.statusCode()).isGreaterThanOrEqualTo(400);
		assertThat(plain.body()).contains("urn:gatehouse:problem:https-required");
	}

	@Test
	@LauncherOnly("in compose the backends are not published: only the gateway reaches them, over mutual TLS")
	void backendReachedDirectlyStillDemandsAValidToken(Platform platform) {
		assertThat(Http.get(platform.serviceUrl("customer-service") + "/api/customers", null).statusCode())
			.isEqualTo(401);
		assertThat(Http.get(platform.serviceUrl("policy-service") + "/api/policies", "forged").statusCode())
			.isEqualTo(401);
	}

	@Test
	void gatewayManagementEndpointsAreNotOnThePublicPort() {
		assertThat(Http.get(gateway("/actuator/health"), null).statusCode()).isIn(401, 403, 404);
		assertThat(Http.get(gateway("/actuator/gateway/routes"), null).statusCode()).isIn(401, 403, 404);
	}

}
