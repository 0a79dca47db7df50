package dev.gatehouse.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubBackend.Received;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway under a brand of its own (gatehouse.brand): problem types under its prefix,
 * the verified partner passed on in its header, and every header with its prefix a client
 * sends removed, so that a rename opens no way to forge an identity. Its own context,
 * closed after the class, which puts the default brand back for the others.
 */
@TestPropertySource(properties = { "gatehouse.brand.problem-type-prefix=urn:example:problem:",
		"gatehouse.brand.header-prefix=X-Example-", "gatehouse.brand.api-key-prefix=exk_" })
@DirtiesContext
class BrandedGatewayIntegrationTests extends GatewayTestSupport {

	static final String ACME = "ghk_test_acme_0123456789abcdef";

	@Test
	void aMissingTokenIsAProblemOfTheBrandsType() {
		client().get()
			.uri("/api/customers")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:example:problem:missing-token");
	}

	@Test
	void theGatewaysOwnRefusalsAreProblemsOfTheBrandsType() {
		client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", ACME + "X")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:example:problem:unknown-api-key");
	}

	@Test
	void theVerifiedPartnerGoesInTheBrandsHeaderAndForgedOnesNeverReachTheBackend() {
		client().get()
			.uri("/partner/v1/policies")
			.header("x-api-key", ACME)
			.header("X-Example-Partner", "globex")
			.header("X-Example-Caller", "ops")
			.header("x-example-anything", "forged")
			.exchange()
			.expectStatus()
			.isOk();
		Received request = policies.received().get(0);
		assertThat(request.headers().get("x-example-partner")).containsExactly("acme");
		assertThat(request.headers()).doesNotContainKeys("x-example-caller", "x-example-anything");
	}

	@Test
	void headersWithTheBrandsPrefixForgedBesideATokenNeverReachTheBackend() {
		client().get()
			.uri("/api/policies")
			.header("Authorization", bearer(issuer.token(Persona.DAVE).build()))
			.header("X-Example-Bound-Token", "forged")
			.header("X-EXAMPLE-PARTNER", "acme")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(policies.received().get(0).headers()).doesNotContainKeys("x-example-bound-token",
				"x-example-partner");
	}

}
