package dev.gatehouse.security.reactive;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

/**
 * A {@code @WebFluxTest} slice of a reactive application runs the starter's security
 * (gatehouse-security-starter-test puts it in the slice): real tokens, the starter's
 * decoder, route rules and problem bodies, not Spring Boot's default.
 */
@WebFluxTest(controllers = ReactiveThingsApplication.ThingsController.class,
		properties = { "gatehouse.security.rules[0].pattern=/api/things", "gatehouse.security.rules[0].methods=GET",
				"gatehouse.security.rules[0].any-authority=customer:read" })
@WithTestIssuer
class ReactiveWebSliceTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	WebTestClient client;

	@Test
	void requestWithoutTokenIsAnsweredByTheStarterWith401AndAProblem() {
		this.client.get()
			.uri("/api/things")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:missing-token");
	}

	@Test
	void tokenWithTheRouteRoleReachesTheControllerWithRolesFromTheStartersConverter() {
		this.client.get()
			.uri("/api/things")
			.header("Authorization", "Bearer " + issuer.token(Persona.BOB).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.caller")
			.isEqualTo("bob")
			.jsonPath("$.authorities[?(@ == 'customer:read')]")
			.exists();
	}

	@Test
	void tokenWithoutTheRouteRoleIsRefusedWith403InsufficientScope() {
		this.client.get()
			.uri("/api/things")
			.header("Authorization", "Bearer " + issuer.token(Persona.EVE).build())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:insufficient-scope");
	}

}
