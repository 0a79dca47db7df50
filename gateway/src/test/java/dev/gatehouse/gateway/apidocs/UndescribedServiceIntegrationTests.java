package dev.gatehouse.gateway.apidocs;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that publishes no description (the stub answers 404 at the default
 * {@code /v3/api-docs}): its writes go on unchecked, and the missing description is
 * remembered for {@code retry-after}, so a burst of writes is not a burst of fetches.
 */
class UndescribedServiceIntegrationTests extends GatewayTestSupport {

	@Test
	void writesAreRoutedUncheckedAndTheMissingDescriptionIsFetchedOnceNotPerRequest() {
		customers.clear();
		int fetchesBefore = customers.descriptionRequests();

		for (int i = 0; i < 5; i++) {
			client().post()
				.uri("/api/customers")
				.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"anything\":" + i + "}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.backend")
				.isEqualTo("customer-service");
		}

		assertThat(customers.received()).hasSize(5);
		assertThat(customers.descriptionRequests() - fetchesBefore).isLessThanOrEqualTo(1);
	}

}
