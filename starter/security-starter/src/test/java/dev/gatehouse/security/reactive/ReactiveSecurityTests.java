package dev.gatehouse.security.reactive;

import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

/**
 * The reactive auto-configuration holds WebFlux applications (the gateway) to the same
 * token table, role mapping and error format as the servlet services.
 */
@WithTestIssuer
@SpringBootTest(
		properties = { "spring.main.web-application-type=reactive", "gatehouse.security.rules[0].pattern=/api/things",
				"gatehouse.security.rules[0].methods=GET", "gatehouse.security.rules[0].any-authority=customer:read" })
@AutoConfigureWebTestClient
class ReactiveSecurityTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	WebTestClient client;

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.gatehouse.security.BadTokens#all")
	void badTokenIsRejectedWith401InvalidTokenChallengeAndNamedCause(String name, Function<TestIssuer, String> token,
			String problem, String detail) {
		this.client.get()
			.uri("/api/things")
			.header("Authorization", "Bearer " + token.apply(issuer))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", containsString("Bearer error=\"invalid_token\""))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:" + problem)
			.jsonPath("$.detail")
			.value(containsString(detail))
			.jsonPath("$.traceId")
			.isNotEmpty();
	}

	@Test
	void missingTokenIsRejectedWith401AndBareBearerChallenge() {
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
	void validTokenWithoutTheRoleIsRejectedWith403NamingTheRole() {
		this.client.get()
			.uri("/api/things")
			.header("Authorization", "Bearer " + issuer.token(Persona.CAROL).build())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.value("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
			.expectBody()
			.jsonPath("$.detail")
			.value(containsString("needs one of the roles [customer:read]"));
	}

	@Test
	void validTokenWithTheRoleIsAcceptedWithRolesFromTheRealConverter() {
		this.client.get()
			.uri("/api/things")
			.header("Authorization", "Bearer " + issuer.token(Persona.DAVE).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.caller")
			.isEqualTo("dave")
			.jsonPath("$.authorities")
			.value(hasItems("auditor", "customer:read"));
	}

}
