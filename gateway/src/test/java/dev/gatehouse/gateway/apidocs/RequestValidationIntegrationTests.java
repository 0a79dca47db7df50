package dev.gatehouse.gateway.apidocs;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * Writes are checked against the service's OpenAPI description at the gateway: a body
 * that does not match gets a 400 problem naming each failing field, a wrong content type
 * a 415, and neither reaches the service; a matching one is routed with its body intact.
 * The stub customer-service publishes the description in apidocs/customer-service.json
 * (the real services' descriptions are checked end to end:
 * ApiDocsEndToEndIntegrationTests). Reads of the customers route are checked too here, to
 * show their query parameters checked.
 */
@TestPropertySource(properties = { "gatehouse.gateway.api-docs.backend-path=/v3/api-docs/described",
		"gatehouse.gateway.api-docs.validation.customers=GET,POST,PUT,PATCH" })
class RequestValidationIntegrationTests extends GatewayTestSupport {

	@BeforeEach
	void clear() {
		customers.clear();
	}

	@Test
	void bodyMissingARequiredFieldIsRefusedWith400NamingTheFieldAndNeverReachesTheService() {
		client().post()
			.uri("/api/customers")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\":\"new@example.com\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("name")
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("name"))
			.jsonPath("$.traceId")
			.exists();

		assertThat(customers.received()).isEmpty();
	}

	@Test
	void fieldOfTheWrongTypeOrTooLongIsNamed() {
		client().put()
			.uri("/api/customers/C-1001")
			.header("Authorization", bearer(issuer.token(Persona.ALICE).build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":42,\"email\":\"" + "e".repeat(201) + "\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(fields).asInstanceOf(LIST).containsExactlyInAnyOrder("name", "email"));

		assertThat(customers.received()).isEmpty();
	}

	@Test
	void bodyThatIsNoJsonIsRefusedWith400() {
		client().post()
			.uri("/api/customers")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:malformed-request")
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");

		assertThat(customers.received()).isEmpty();
	}

	@Test
	void wrongContentTypeIsRefusedWith415() {
		client().post()
			.uri("/api/customers")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("name=New")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("Content-Type");

		assertThat(customers.received()).isEmpty();
	}

	@Test
	void matchingBodyIsRoutedIntact() {
		String body = "{\"name\":\"New Customer\",\"email\":\"new@example.com\"}";
		client().post()
			.uri("/api/customers")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(customers.received()).singleElement()
			.satisfies((request) -> assertThat(request.bodyLength())
				.isEqualTo(body.getBytes(StandardCharsets.UTF_8).length));
	}

	@Test
	void queryParameterOutsideItsSchemaIsNamedAndNeverReachesTheService() {
		client().get()
			.uri("/api/customers?page=-1&size=many")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("page")
			.jsonPath("$.errors[1].field")
			.isEqualTo("size");

		assertThat(customers.received()).isEmpty();
	}

	@Test
	void queryParametersWithinTheirSchemasAreRouted() {
		client().get()
			.uri("/api/customers?page=0&size=5&sort=name&sort=email")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(customers.received()).singleElement()
			.satisfies((request) -> assertThat(request.path())
				.isEqualTo("/api/customers?page=0&size=5&sort=name&sort=email"));
	}

	@Test
	void unauthenticatedWriteIsRefusedWith401BeforeItsBodyIsLookedAt() {
		client().post()
			.uri("/api/customers")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

}
