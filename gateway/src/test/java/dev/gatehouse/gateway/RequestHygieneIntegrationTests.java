package dev.gatehouse.gateway;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.RawHttp;
import dev.gatehouse.gateway.support.StubBackend.Received;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Limits, methods, headers and path tricks, all refused or cleaned before a backend sees
 * them.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestHygieneIntegrationTests extends GatewayTestSupport {

	static final String ACME = "ghk_test_acme_0123456789abcdef";

	String bob() {
		return bearer(issuer.token(Persona.BOB).build());
	}

	static Stream<Arguments> credentialsInTheQuery() {
		return Stream.of(arguments("/api/customers?access_token=", "credentials-in-query", "'Authorization' header"),
				arguments("/api/policies/P-1?Token=", "credentials-in-query", "'Authorization' header"),
				arguments("/internal/reports?PASSWORD=", "credentials-in-query", "'Authorization' header"),
				arguments("/partner/mtls/policies?client_secret=", "credentials-in-query", "'Authorization' header"),
				arguments("/no/such/route?id_token=", "credentials-in-query", "'Authorization' header"),
				arguments("/api/customers?page=0&Api_Key=", "api-key-in-query", "'x-api-key' header"),
				arguments("/partner/v1/policies?apikey=", "api-key-in-query", "'x-api-key' header"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("credentialsInTheQuery")
	void credentialsInTheQueryStringAreRefusedOnEveryRouteWithoutEchoingOrLoggingThem(String target, String type,
			String header, CapturedOutput output) {
		String secret = "leaked-" + Math.abs(target.hashCode());
		client().get()
			.uri(target + secret)
			.header("Authorization", bob())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:" + type)
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains(header).doesNotContain(secret));
		assertThat(customers.received()).isEmpty();
		assertThat(policies.received()).isEmpty();
		assertThat(output.getAll()).doesNotContain(secret);
	}

	@Test
	void ordinaryQueryParametersStillPass() {
		client().get()
			.uri("/api/customers?page=0&size=10&sort=name")
			.header("Authorization", bob())
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void cookiesNeverReachABackendSoThePortalSessionStaysAtTheGateway() {
		client().get()
			.uri("/api/customers")
			.header("Authorization", bob())
			.header("Cookie", "SESSION=portal-session-id; theme=dark")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(customers.received()).hasSize(1);
		assertThat(customers.received().get(0).header("Cookie")).isNull();
	}

	@Test
	void bodyOverTheLimitByContentLengthIs413() {
		client().post()
			.uri("/api/customers")
			.header("Authorization", bob())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("x".repeat(65 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:payload-too-large")
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains("64 KB"));
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void streamedBodyGrowingOverTheLimitIs413() {
		Flux<String> chunks = Flux.range(0, 80).map((i) -> "y".repeat(1024));
		client().post()
			.uri("/api/customers")
			.header("Authorization", bob())
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, String.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:payload-too-large");
	}

	@Test
	void bodyWithinTheLimitPasses() {
		client().post()
			.uri("/api/customers")
			.header("Authorization", bob())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("z".repeat(60 * 1024))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(customers.received().get(0).bodyLength()).isEqualTo(60 * 1024);
	}

	@Test
	void headersOverTheGatewayLimitAre431WithProblem() {
		client().get()
			.uri("/api/customers")
			.header("Authorization", bob())
			.header("X-Padding", "p".repeat(20 * 1024))
			.exchange()
			.expectStatus()
			.isEqualTo(431)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:headers-too-large");
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void headersOverNettysHardLimitAreStill431() {
		RawHttp.Response response = RawHttp.send(this.port, "GET", "/api/customers",
				"X-Padding: " + "p".repeat(40 * 1024));
		assertThat(response.status()).isEqualTo(431);
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void traceIsRefusedWith405AndTheAllowedMethods() {
		client().method(HttpMethod.TRACE)
			.uri("/api/customers")
			.header("Authorization", bob())
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.value("Allow", (actual) -> assertThat(actual).contains("GET"))
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:method-not-allowed");
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void methodOverrideHeadersAreIgnoredAndNotForwarded() {
		client().post()
			.uri("/api/customers")
			.header("Authorization", bob())
			.header("X-HTTP-Method-Override", "DELETE")
			.header("X-HTTP-Method", "DELETE")
			.header("X-Method-Override", "DELETE")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.method")
			.isEqualTo("POST");
		Received request = customers.received().get(0);
		assertThat(request.headers()).doesNotContainKeys("x-http-method-override", "x-http-method",
				"x-method-override");
	}

	@Test
	void connectionHeaderCannotStripHeadersTheGatewayAdds() {
		RawHttp.Response response = RawHttp.send(this.port, "GET", "/partner/v1/policies", "x-api-key: " + ACME,
				"Connection: close, Authorization, X-Gatehouse-Partner, X-Forwarded-For, traceparent");
		assertThat(response.status()).isEqualTo(200);
		Received request = policies.received().get(0);
		assertThat(request.header("Authorization")).startsWith("Bearer ");
		assertThat(request.header("X-Gatehouse-Partner")).isEqualTo("acme");
		assertThat(request.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(request.header("traceparent")).isNotNull();
	}

	@Test
	void connectionHeaderNamingTheClientsOwnTokenDropsItAsHopByHop() {
		RawHttp.Response response = RawHttp.send(this.port, "GET", "/api/customers", "Authorization: " + bob(),
				"Connection: close, Authorization");
		assertThat(response.status()).isEqualTo(401);
		assertThat(customers.received()).isEmpty();
	}

	/**
	 * A token check answers off the event loop; a refusal right after it answers at once.
	 * With Reactor Netty 1.3.6 the connection then stopped reading now and then
	 * (reactor-netty#4361), so the third request hung.
	 */
	@Test
	void keptAliveConnectionServesEveryRequestAfterASlowAndAQuickAnswer() throws Exception {
		String forged = "Authorization: " + bearer(issuer.token(Persona.BOB).signedBy(TestIssuer.newKey()).build());
		for (int round = 0; round < 25; round++) {
			try (RawHttp.KeepAlive connection = new RawHttp.KeepAlive(this.port)) {
				assertThat(connection.send("GET", "/api/customers", forged).status()).isEqualTo(401);
				assertThat(connection.send("GET", "/api/customers").status()).isEqualTo(401);
				assertThat(connection.send("GET", "/nothing").status()).isEqualTo(404);
			}
		}
	}

	@Test
	void responsesCarryNosniffAndFrameDenyIncludingProblems() {
		client().get()
			.uri("/api/customers")
			.header("Authorization", bob())
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
		client().method(HttpMethod.TRACE)
			.uri("/")
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
	}

	@Test
	void unknownPathIs404ProblemWithoutAskingForCredentials() {
		client().get()
			.uri("/nothing/here")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.doesNotExist("WWW-Authenticate")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:not-found");
	}

	/**
	 * Netty passes C1 control characters (bytes 0x80-0x9f) in header values; Spring
	 * Security's firewall, with the starter's loop in place of its regular expressions,
	 * still refuses them.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("controlCharacterHeaders")
	void headerWithAControlCharacterIsRefusedWith400ProblemBeforeAnyBackend(String name, String header) {
		RawHttp.Response response = RawHttp.send(this.port, "GET", "/api/customers/C-1001", header);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.body()).contains("urn:gatehouse:problem:malformed-request");
		assertThat(customers.received()).isEmpty();
	}

	static Stream<Arguments> controlCharacterHeaders() {
		return Stream.of(arguments("in a bearer token", "Authorization: Bearer abc\u0085def"),
				arguments("in the scheme", "Authorization: Bea\u0090rer abc"));
	}

	/**
	 * Request targets that try to reach /internal or /api without their authentication.
	 */
	static Stream<Arguments> pathTricks() {
		return Stream.of(arguments("dot segments", "/api/../internal/reports"),
				arguments("dot segments after a route", "/api/customers/../../internal/reports"),
				arguments("encoded dots", "/api/%2e%2e/internal/reports"),
				arguments("encoded dots, upper case", "/api/customers/%2E%2E/%2E%2E/internal/reports"),
				arguments("double slash", "//internal/reports"), arguments("double slash inside", "/api//customers"),
				arguments("semicolon", "/internal;x=1/reports"),
				arguments("semicolon dot segment", "/api/customers/..;/..;/internal/reports"),
				arguments("encoded slashes", "/api/customers%2f..%2f..%2finternal%2freports"),
				arguments("encoded backslash", "/api/customers%5c..%5c..%5cinternal%5creports"),
				arguments("double encoding", "/api/customers/%252e%252e/%252e%252e/internal/reports"),
				arguments("partner prefix escape", "/partner/v1/../../internal/reports"),
				arguments("upper case internal", "/INTERNAL/reports"), arguments("upper case api", "/API/customers"),
				arguments("mixed case partner", "/Partner/v1/policies"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("pathTricks")
	void pathTrickNeverReachesABackend(String name, String target) {
		RawHttp.Response response = RawHttp.send(this.port, "GET", target, "Authorization: " + bob(),
				"x-api-key: " + ACME);
		assertThat(response.status()).isIn(400, 404);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(customers.received()).isEmpty();
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void corsPreflightFromAConfiguredOriginIsAnsweredWithoutCredentials() {
		client().options()
			.uri("/api/customers")
			.header("Origin", "http://127.0.0.1:8765")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "http://127.0.0.1:8765")
			.expectHeader()
			.value("Access-Control-Allow-Methods", (actual) -> assertThat(actual).contains("GET"));
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void corsPreflightFromAnUnknownOriginGetsNoCorsHeaders() {
		client().options()
			.uri("/api/customers")
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:cors-origin-not-allowed");
	}

	@Test
	void corsRequestFromAnUnknownOriginIsRefusedWithoutCorsHeaders() {
		client().get()
			.uri("/api/customers")
			.header("Origin", "https://evil.example")
			.header("Authorization", bob())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin");
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void corsRequestFromAConfiguredOriginGetsExactlyOneAllowOriginEvenWhenTheBackendSendsItsOwn() {
		client().get()
			.uri("/api/customers?stub=cors")
			.header("Origin", "http://127.0.0.1:8765")
			.header("Authorization", bob())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values("Access-Control-Allow-Origin",
					(values) -> assertThat(values).containsExactly("http://127.0.0.1:8765"));
	}

	@Test
	void browserClientsMayReadTheChallengeAndTheRemainingRateBudget() {
		client().get()
			.uri("/api/customers")
			.header("Origin", "http://127.0.0.1:8765")
			.header("Authorization", bob())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Access-Control-Expose-Headers", (exposed) -> assertThat(exposed).contains("WWW-Authenticate",
					"Retry-After", "X-RateLimit-Remaining"));
	}

}
