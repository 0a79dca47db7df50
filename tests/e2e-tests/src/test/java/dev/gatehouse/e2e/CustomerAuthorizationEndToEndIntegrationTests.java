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
 * The contract's authorization rules against customer-service itself, with tokens the
 * real Keycloak issued: Authorization Code + PKCE for the users, client credentials for
 * the clients.
 */
@LauncherOnly("in compose the backends are not published: only the gateway reaches them, over mutual TLS")
@ExtendWith(RunningPlatform.class)
@WafChecked
class CustomerAuthorizationEndToEndIntegrationTests {

	static Platform platform;

	@BeforeAll
	static void platform(Platform running) {
		platform = running;
	}

	static String token(String caller) {
		return RealTokens.of(platform, caller);
	}

	static String customers(String path) {
		return platform.serviceUrl("customer-service") + "/api/customers" + path;
	}

	static Stream<Arguments> readAll() {
		return Stream.of(arguments("alice", 200), arguments("frank", 200), arguments("bob", 200),
				arguments("carol", 403), arguments("dave", 200), arguments("eve", 403),
				arguments("reporting-batch", 200), arguments("policy-service", 200));
	}

	@ParameterizedTest(name = "GET /api/customers as {0} -> {1}")
	@MethodSource("readAll")
	void listingCustomersFollowsTheContract(String caller, int status) {
		assertThat(Http.get(customers(""), token(caller)).statusCode()).isEqualTo(status);
	}

	static Stream<Arguments> writeOne() {
		return Stream.of(arguments("alice", 403), arguments("bob", 201), arguments("carol", 403),
				arguments("dave", 403), arguments("eve", 403), arguments("reporting-batch", 403),
				arguments("policy-service", 403));
	}

	@ParameterizedTest(name = "POST /api/customers as {0} -> {1}")
	@MethodSource("writeOne")
	void creatingCustomersIsForAgentsOnly(String caller, int status) {
		HttpResponse<String> response = Http.send("POST", customers(""), token(caller),
				"{\"name\":\"E2E " + caller + "\",\"email\":\"e2e-" + caller + "@example.com\"}");
		assertThat(response.statusCode()).isEqualTo(status);
		if (status == 403) {
			assertThat(response.headers().firstValue("WWW-Authenticate")).get()
				.asString()
				.contains("error=\"insufficient_scope\"");
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	@Test
	void aliceSeesOnlyHerOwnRecordAndFranksAnswers404() {
		var list = Http.json(Http.get(customers(""), token("alice")));
		assertThat(list.get("content")).hasSize(1);
		assertThat(list.get("content").get(0).get("id").asString()).isEqualTo("C-1001");

		HttpResponse<String> franks = Http.get(customers("/C-1002"), token("alice"));
		assertThat(franks.statusCode()).isEqualTo(404);
		assertThat(franks.body()).contains("urn:gatehouse:problem:not-found");
		assertThat(Http.get(customers("/me"), token("frank")).body()).contains("\"id\":\"C-1002\"");
	}

	@Test
	void auditorReadsEverythingButWritesNothing() {
		assertThat(Http.json(Http.get(customers(""), token("dave"))).get("page").get("totalElements").asInt())
			.isGreaterThanOrEqualTo(4);
		assertThat(Http
			.send("PUT", customers("/C-1001"), token("dave"),
					"{\"name\":\"Alice Anders\",\"email\":\"alice@example.com\"}")
			.statusCode()).isEqualTo(403);
	}

	@Test
	void aliceUpdatesHerOwnRecordButNotFranks() {
		assertThat(Http
			.send("PUT", customers("/C-1001"), token("alice"),
					"{\"name\":\"Alice Anders\",\"email\":\"alice@example.com\"}")
			.statusCode()).isEqualTo(200);
		assertThat(Http
			.send("PUT", customers("/C-1002"), token("alice"), "{\"name\":\"Not Frank\",\"email\":\"x@example.com\"}")
			.statusCode()).isEqualTo(404);
	}

	@Test
	void unauthenticatedCallGets401WithBearerChallenge() {
		HttpResponse<String> response = Http.get(customers(""), null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.body()).contains("urn:gatehouse:problem:missing-token");
	}

}
