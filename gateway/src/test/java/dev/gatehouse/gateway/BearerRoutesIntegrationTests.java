package dev.gatehouse.gateway;

import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubBackend;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bearer JWT on /api/**: the starter's token rules and problems, the coarse role rules,
 * the token passed on.
 */
class BearerRoutesIntegrationTests extends GatewayTestSupport {

	@Test
	void validTokenReachesTheBackendWhichReceivesTheSameToken() {
		String token = issuer.token(Persona.BOB).build();
		client().get()
			.uri("/api/customers")
			.header("Authorization", bearer(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("customer-service");
		assertThat(customers.received()).singleElement()
			.satisfies((request) -> assertThat(request.header("Authorization")).isEqualTo(bearer(token)));
	}

	@Test
	void clientTokenWithoutPreferredUsernameIsServedNotA500() {
		String token = issuer.clientToken("no-profile-scope", "customer:read")
			.claim("preferred_username", null)
			.build();
		client().get().uri("/api/customers").header("Authorization", bearer(token)).exchange().expectStatus().isOk();
	}

	@Test
	void identityHeadersForgedByTheClientNeverReachTheBackend() {
		client().get()
			.uri("/api/policies")
			.header("Authorization", bearer(issuer.token(Persona.DAVE).build()))
			.header("X-Gatehouse-Caller", "ops")
			.header("X-Gatehouse-Partner", "acme")
			.header("x-gatehouse-anything", "forged")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(policies.received().get(0).headers()).doesNotContainKeys("x-gatehouse-caller", "x-gatehouse-partner",
				"x-gatehouse-anything");
	}

	@Test
	void policiesRouteGoesToPolicyService() {
		client().get()
			.uri("/api/policies/P-1")
			.header("Authorization", bearer(issuer.token(Persona.CAROL).build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("policy-service")
			.jsonPath("$.path")
			.isEqualTo("/api/policies/P-1");
	}

	@Test
	void missingTokenIs401WithBareBearerChallengeAndProblem() {
		client().get()
			.uri("/api/customers")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:missing-token")
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.traceId")
			.isNotEmpty();
		assertThat(customers.received()).isEmpty();
	}

	static Stream<Arguments> badTokens() {
		Instant now = Instant.now();
		return Stream.of(
				bad("expired", (i) -> i.token(Persona.BOB).expiresAt(now.minusSeconds(120)).build(), "expired-token",
						"expired"),
				bad("signed by another key", (i) -> i.token(Persona.BOB).signedBy(TestIssuer.newKey()).build(),
						"bad-signature", "signature does not match"),
				bad("tampered payload", (i) -> i.token(Persona.BOB).buildTampered(), "bad-signature",
						"signature does not match"),
				bad("wrong audience", (i) -> i.token(Persona.BOB).audience("account").build(), "wrong-audience",
						"gatehouse-api"),
				bad("wrong issuer", (i) -> i.token(Persona.BOB).issuer("http://localhost:9999/realms/other").build(),
						"wrong-issuer", "another issuer"),
				bad("alg none", (i) -> i.token(Persona.BOB).buildUnsigned(), "unsupported-algorithm", "'none'"),
				bad("not a JWT", (i) -> "not-a-jwt", "malformed-token", "not a well-formed"));
	}

	private static Arguments bad(String name, Function<TestIssuer, String> token, String problem, String detail) {
		return arguments(name, token, problem, detail);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void badTokenIs401WithInvalidTokenChallengeAndNamedCause(String name, Function<TestIssuer, String> token,
			String problem, String detail) {
		client().get()
			.uri("/api/customers")
			.header("Authorization", bearer(token.apply(issuer)))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", (actual) -> assertThat(actual).contains("Bearer error=\"invalid_token\""))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:" + problem)
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains(detail));
		assertThat(customers.received()).isEmpty();
	}

	/**
	 * Persona, method, path, whether the gateway lets it through (the services still
	 * check ownership).
	 */
	static Stream<Arguments> roleMatrix() {
		return Stream.of(
				// customer-service
				arguments(Persona.ALICE, HttpMethod.GET, "/api/customers/me", 200),
				arguments(Persona.ALICE, HttpMethod.GET, "/api/customers", 200),
				arguments(Persona.ALICE, HttpMethod.POST, "/api/customers", 403),
				arguments(Persona.ALICE, HttpMethod.PUT, "/api/customers/C-1001", 200),
				arguments(Persona.BOB, HttpMethod.GET, "/api/customers/C-1001", 200),
				arguments(Persona.BOB, HttpMethod.POST, "/api/customers", 200),
				arguments(Persona.BOB, HttpMethod.GET, "/api/customers/me", 403),
				arguments(Persona.CAROL, HttpMethod.GET, "/api/customers", 403),
				arguments(Persona.DAVE, HttpMethod.GET, "/api/customers", 200),
				arguments(Persona.DAVE, HttpMethod.POST, "/api/customers", 403),
				arguments(Persona.DAVE, HttpMethod.PUT, "/api/customers/C-1001", 403),
				arguments(Persona.EVE, HttpMethod.GET, "/api/customers", 403),
				arguments(Persona.EVE, HttpMethod.GET, "/api/customers/me", 403),
				arguments(Persona.BOB, HttpMethod.DELETE, "/api/customers/C-1001", 403),
				// policy-service
				arguments(Persona.ALICE, HttpMethod.GET, "/api/policies", 200),
				arguments(Persona.ALICE, HttpMethod.POST, "/api/policies", 200),
				arguments(Persona.ALICE, HttpMethod.PATCH, "/api/policies/P-1/status", 200),
				arguments(Persona.BOB, HttpMethod.GET, "/api/policies/P-1", 200),
				arguments(Persona.BOB, HttpMethod.POST, "/api/policies", 403),
				arguments(Persona.CAROL, HttpMethod.POST, "/api/policies", 200),
				arguments(Persona.CAROL, HttpMethod.PATCH, "/api/policies/P-1/status", 200),
				arguments(Persona.DAVE, HttpMethod.GET, "/api/policies", 200),
				arguments(Persona.DAVE, HttpMethod.PATCH, "/api/policies/P-1/status", 403),
				arguments(Persona.BOB, HttpMethod.PATCH, "/api/policies/P-1/status", 403),
				arguments(Persona.EVE, HttpMethod.GET, "/api/policies", 403));
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("roleMatrix")
	void rolesAreCheckedPerRouteAndMethod(Persona persona, HttpMethod method, String path, int status) {
		StubBackend backend = path.startsWith("/api/customers") ? customers : policies;
		client().method(method)
			.uri(path)
			.header("Authorization", bearer(issuer.token(persona).build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(status);
		assertThat(backend.received()).hasSize((status == 200) ? 1 : 0);
	}

	@Test
	void roleRefusalIs403WithInsufficientScopeAndTheRolesTheRouteNeeds() {
		client().get()
			.uri("/api/customers")
			.header("Authorization", bearer(issuer.token(Persona.EVE).build()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.value("WWW-Authenticate", (actual) -> assertThat(actual).contains("error=\"insufficient_scope\""))
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:insufficient-scope")
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains("customer:read"));
	}

	@Test
	void reportingBatchClientReadsButNeverWrites() {
		String token = issuer.clientToken("reporting-batch", "customer:read", "policy:read").build();
		client().get().uri("/api/customers").header("Authorization", bearer(token)).exchange().expectStatus().isOk();
		client().post()
			.uri("/api/customers")
			.header("Authorization", bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void pathUnderApiWithoutRouteOrRuleIsRefused() {
		client().get()
			.uri("/api/unknown")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.exchange()
			.expectStatus()
			.isForbidden();
		client().get().uri("/api/unknown").exchange().expectStatus().isUnauthorized();
	}

}
