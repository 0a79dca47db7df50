package dev.gatehouse.gateway;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubBackend.Received;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys on /partner/v1/**: hashed keys, distinct refusals, route coverage, the
 * gateway's own token to the backend.
 */
class ApiKeyRoutesIntegrationTests extends GatewayTestSupport {

	static final String ACME = "ghk_test_acme_0123456789abcdef";

	static final String ACME_NEXT = "ghk_test_acme_next_00000000000000000000000000000000";

	static final String GLOBEX_REVOKED = "ghk_test_globex_fedcba9876543210";

	static final String INITECH_EXPIRED = "ghk_test_initech_expired";

	static final String UMBRELLA_NARROW = "ghk_test_umbrella_narrow";

	@Test
	void validKeyReachesThePartnerViewWithTheGatewayTokenAndVerifiedPartner() throws Exception {
		client().get()
			.uri("/partner/v1/policies?status=ACTIVE")
			.header("x-api-key", ACME)
			.header("Authorization", "Bearer client-supplied")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("policy-service")
			.jsonPath("$.path")
			.isEqualTo("/partner/policies");
		Received request = policies.received().get(0);
		assertThat(request.path()).isEqualTo("/partner/policies?status=ACTIVE");
		assertThat(request.header("X-Gatehouse-Partner")).isEqualTo("acme");
		assertThat(request.header("x-api-key")).isNull();
		String token = request.header("Authorization").substring("Bearer ".length());
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("azp")).isEqualTo("gatehouse-gateway");
	}

	@Test
	void gatewayTokenIsReusedAcrossCalls() {
		client().get().uri("/partner/v1/policies").header("x-api-key", ACME).exchange().expectStatus().isOk();
		int issued = tokens.issued();
		for (int i = 0; i < 3; i++) {
			client().get().uri("/partner/v1/policies").header("x-api-key", ACME).exchange().expectStatus().isOk();
		}
		assertThat(tokens.issued()).isEqualTo(issued);
	}

	@Test
	void forgedIdentityHeadersFromTheClientAreReplacedByTheVerifiedPartner() {
		client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", ACME)
			.header("X-Gatehouse-Partner", "globex")
			.header("X-Gatehouse-Caller", "ops")
			.exchange()
			.expectStatus()
			.isOk();
		Received request = policies.received().get(0);
		assertThat(request.headers().get("x-gatehouse-partner")).containsExactly("acme");
		assertThat(request.header("X-Gatehouse-Caller")).isNull();
	}

	@Test
	void twoActiveKeysOfOnePartnerBothWorkDuringRotation() {
		client().get().uri("/partner/v1/policies").header("x-api-key", ACME).exchange().expectStatus().isOk();
		client().get().uri("/partner/v1/policies").header("x-api-key", ACME_NEXT).exchange().expectStatus().isOk();
		assertThat(policies.received()).extracting((request) -> request.header("X-Gatehouse-Partner"))
			.containsExactly("acme", "acme");
	}

	@Test
	void missingKeyIs401WithBareApiKeyChallenge() {
		client().get()
			.uri("/partner/v1/policies")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "ApiKey")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:missing-api-key")
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains("x-api-key"));
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void unknownKeyIs401UnknownApiKey() {
		refused("ghk_test_acme_0123456789abcdeX", "unknown-api-key", "not known");
	}

	@Test
	void revokedKeyIs401RevokedApiKeyNamingTheKeyId() {
		refused(GLOBEX_REVOKED, "revoked-api-key", "'globex-demo' has been revoked");
	}

	@Test
	void expiredKeyIs401ExpiredApiKeyWithTheExpiry() {
		refused(INITECH_EXPIRED, "expired-api-key", "'initech-old' expired at 2020-01-01T00:00:00Z");
	}

	private void refused(String key, String problem, String detail) {
		client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", key)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", (actual) -> assertThat(actual).contains("ApiKey error=\"invalid_key\""))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:" + problem)
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains(detail))
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).doesNotContain(key));
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void keyInTheQueryStringIsRefusedEvenWhenValid() {
		client().get()
			.uri("/partner/v1/policies?api_key=" + ACME)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:api-key-in-query")
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains("'x-api-key' header"));
		client().get()
			.uri("/partner/v1/policies?X-API-KEY=whatever")
			.header("x-api-key", ACME)
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void validKeyOnARouteItDoesNotCoverIs403() {
		client().get()
			.uri("/partner/v1/policies/P-1")
			.header("x-api-key", UMBRELLA_NARROW)
			.exchange()
			.expectStatus()
			.isOk();
		client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", UMBRELLA_NARROW)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:api-key-route-not-covered")
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual)
				.contains("'umbrella-narrow' does not cover GET /partner/v1/policies"));
		client().get().uri("/partner/v1/reports").header("x-api-key", ACME).exchange().expectStatus().isForbidden();
		assertThat(policies.received()).hasSize(1);
	}

	@Test
	void partnerApiIsReadOnly() {
		client().post()
			.uri("/partner/v1/policies")
			.header("x-api-key", ACME)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains("read-only"));
		assertThat(policies.received()).isEmpty();
	}

	@Test
	void bearerTokenIsNoCredentialOnPartnerRoutes() {
		client().get()
			.uri("/partner/v1/policies")
			.header("Authorization", bearer(issuer.clientToken("gatehouse-gateway").build()))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(policies.received()).isEmpty();
	}

}
