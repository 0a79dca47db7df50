package dev.gatehouse.e2e;

import java.net.http.HttpResponse;
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
 * The contract's authorization rules against policy-service itself, with real Keycloak
 * tokens, including the service-to-service call: creating a policy makes policy-service
 * fetch its own client-credentials token and call customer-service with it.
 */
@LauncherOnly("in compose the backends are not published: only the gateway reaches them, over mutual TLS")
@ExtendWith(RunningPlatform.class)
@WafChecked
class PolicyAuthorizationEndToEndIntegrationTests {

	static Platform platform;

	@BeforeAll
	static void platform(Platform running) {
		platform = running;
	}

	static String policies(String path) {
		return platform.serviceUrl("policy-service") + "/api/policies" + path;
	}

	static String token(String caller) {
		return RealTokens.of(platform, caller);
	}

	static Stream<Arguments> readAll() {
		return Stream.of(arguments("alice", 200), arguments("frank", 200), arguments("bob", 200),
				arguments("carol", 200), arguments("dave", 200), arguments("eve", 403),
				arguments("reporting-batch", 200), arguments("policy-service", 403),
				arguments("gatehouse-gateway", 403));
	}

	@ParameterizedTest(name = "GET /api/policies as {0} -> {1}")
	@MethodSource("readAll")
	void listingPoliciesFollowsTheContract(String caller, int status) {
		assertThat(Http.get(policies(""), token(caller)).statusCode()).isEqualTo(status);
	}

	static Stream<Arguments> create() {
		return Stream.of(arguments("bob", 403), arguments("carol", 201), arguments("dave", 403), arguments("eve", 403),
				arguments("reporting-batch", 403));
	}

	@ParameterizedTest(name = "POST /api/policies as {0} -> {1}")
	@MethodSource("create")
	void creatingPoliciesIsForUnderwriters(String caller, int status) {
		HttpResponse<String> response = Http.send("POST", policies(""), token(caller),
				"{\"customerId\":\"C-1003\",\"product\":\"HOME\"}");
		assertThat(response.statusCode()).isEqualTo(status);
		if (status == 201) {
			assertThat(response.body()).contains("\"status\":\"QUOTED\"").contains("\"customerId\":\"C-1003\"");
		}
	}

	@Test
	void aliceSeesOnlyHerPoliciesAndFranksAnswers404() {
		var list = Http.json(Http.get(policies(""), token("alice")));
		assertThat(list.get("content")).isNotEmpty();
		list.get("content").forEach((policy) -> assertThat(policy.get("customerId").asString()).isEqualTo("C-1001"));
		assertThat(Http.get(policies("/P-3003"), token("alice")).statusCode()).isEqualTo(404);
		assertThat(Http.get(policies("/P-3001"), token("alice")).statusCode()).isEqualTo(200);
	}

	@Test
	void aliceApplesForAPolicyOnHerOwnRecordOnlyThroughTheServiceToServiceCheck() {
		HttpResponse<String> own = Http.send("POST", policies(""), token("alice"),
				"{\"customerId\":\"C-1001\",\"product\":\"TRAVEL\"}");
		assertThat(own.statusCode()).isEqualTo(201);
		HttpResponse<String> franks = Http.send("POST", policies(""), token("alice"),
				"{\"customerId\":\"C-1002\",\"product\":\"TRAVEL\"}");
		assertThat(franks.statusCode()).isEqualTo(422);
		assertThat(franks.body()).contains("urn:gatehouse:problem:unknown-customer");
	}

	@Test
	void onlyAnUnderwriterApproves() {
		String created = Http
			.send("POST", policies(""), token("carol"), "{\"customerId\":\"C-1004\",\"product\":\"AUTO\"}")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		String id = created.substring(created.lastIndexOf('/') + 1);
		String approve = "{\"status\":\"APPROVED\"}";
		assertThat(Http.send("PATCH", policies("/" + id + "/status"), token("dave"), approve).statusCode())
			.isEqualTo(403);
		assertThat(Http.send("PATCH", policies("/" + id + "/status"), token("bob"), approve).statusCode())
			.isEqualTo(403);
		assertThat(Http.send("PATCH", policies("/" + id + "/status"), token("carol"), approve).statusCode())
			.isEqualTo(200);
	}

	@Test
	void gatewayOnlyEndpointsRefuseEveryOtherToken() {
		String partner = platform.serviceUrl("policy-service") + "/partner/policies";
		String reports = platform.serviceUrl("policy-service") + "/internal/reports";
		for (String caller : new String[] { "carol", "dave", "reporting-batch", "policy-service" }) {
			assertThat(Http.get(partner, token(caller)).statusCode()).as(caller).isEqualTo(403);
			assertThat(Http.get(reports, token(caller)).statusCode()).as(caller).isEqualTo(403);
		}
		assertThat(Http.get(reports, null).statusCode()).isEqualTo(401);
	}

}
