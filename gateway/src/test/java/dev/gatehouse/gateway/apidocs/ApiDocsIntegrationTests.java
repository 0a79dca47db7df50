package dev.gatehouse.gateway.apidocs;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import dev.gatehouse.gateway.support.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * What {@code /api-docs} serves without a credential, from the stub customer-service's
 * description (apidocs/customer-service.json): the index, the description rewritten for
 * the gateway, and problems for an unknown service. The real services' descriptions:
 * ApiDocsEndToEndIntegrationTests.
 */
@TestPropertySource(properties = { "gatehouse.gateway.api-docs.backend-path=/v3/api-docs/described",
		"gatehouse.gateway.api-docs.validation.customers=GET,POST,PUT,PATCH" })
class ApiDocsIntegrationTests extends GatewayTestSupport {

	@Test
	void indexListsEveryRoutedService() {
		client().get()
			.uri("/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			// the template's services first, then any service added with new-service
			.jsonPath("$.urls[*].name")
			.value((names) -> assertThat(names).asInstanceOf(LIST)
				.startsWith("customer-service", "policy-service")
				.doesNotHaveDuplicates())
			.jsonPath("$.urls[*].url")
			.value((urls) -> assertThat(urls).asInstanceOf(LIST)
				.startsWith("/api-docs/customer-service", "/api-docs/policy-service")
				.allSatisfy((url) -> assertThat(url.toString()).startsWith("/api-docs/")));
	}

	@Test
	void descriptionNamesTheGatewayAsServerAndTheRoutesSecurity() {
		client().get()
			.uri("/api-docs/customer-service")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.servers.length()")
			.isEqualTo(1)
			.jsonPath("$.servers[0].url")
			.isEqualTo("http://127.0.0.1:" + this.port)
			.jsonPath("$.paths['/api/customers'].post.security[0].oauth2")
			.exists()
			.jsonPath("$.paths['/api/customers'].post.security[1].oauth2")
			.exists()
			.jsonPath("$.paths['/api/customers'].post.security[1].mutualTLS")
			.exists()
			.jsonPath("$.paths['/api/customers'].post.x-gatehouse-any-authority[0]")
			.isEqualTo("customer:write")
			.jsonPath("$.paths['/api/customers'].post.responses['429'].content['application/problem+json']")
			.exists();
	}

	@Test
	void behindATrustedProxyTheServerIsTheOriginTheClientAddressed() {
		viaTrustedProxy().get()
			.uri("/api-docs/customer-service")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "api.example.com")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.servers[0].url")
			.isEqualTo("https://api.example.com");
	}

	@Test
	void serviceThatIsNotRoutedIsA404Problem() {
		client().get()
			.uri("/api-docs/keycloak")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:not-found");
	}

	@Test
	void descriptionThatCannotBeFetchedIsA502Problem() {
		client().get()
			.uri("/api-docs/policy-service")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:api-description-unavailable")
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).doesNotContain("127.0.0.1"));
	}

}
