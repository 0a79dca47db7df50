package dev.gatehouse.policy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.annotation.Transactional;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The call to customer-service with policy-service's own client-credentials token,
 * against a stub customer-service and a stub token endpoint on real local ports: one
 * token serves many calls, and every way the call can fail ends as a 503 the caller can
 * retry, with nothing written.
 */
@WithTestIssuer
@SpringBootTest(properties = "gatehouse.customer-service.read-timeout=1s")
@AutoConfigureMockMvc
@Transactional
@DirtiesContext
class CustomerServiceClientTests {

	static final TestBackends backends = new TestBackends();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		backends.register(registry);
	}

	@AfterAll
	static void stopBackends() {
		backends.close();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	PolicyRepository policies;

	@Autowired
	OAuth2AuthorizedClientService authorizedClients;

	@BeforeEach
	void startWithoutACachedToken() {
		this.authorizedClients.removeAuthorizedClient(CustomerServiceClientConfiguration.REGISTRATION_ID,
				CustomerServiceClientConfiguration.REGISTRATION_ID);
		backends.tokenEndpoint.reset();
		backends.customerService.reset();
	}

	@Test
	void twoCreationsByDifferentCallersFetchOneServiceTokenThatBothCustomerCallsCarry() throws Exception {
		create(Persona.ALICE, "C-1001").andExpect(status().isCreated());
		create(Persona.CAROL, "C-1003").andExpect(status().isCreated());

		assertThat(backends.tokenEndpoint.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.clientId()).isEqualTo("policy-service");
			assertThat(request.form()).contains("grant_type=client_credentials");
		});
		String serviceToken = "Bearer " + backends.tokenEndpoint.lastToken();
		assertThat(backends.customerService.authorizations()).containsExactly(serviceToken, serviceToken);
	}

	@Test
	void customerServiceDownIs503WithRetryAfterNoAddressAndNothingWritten() throws Exception {
		long before = this.policies.count();
		backends.customerService.stop();
		try {
			String body = create(Persona.CAROL, "C-1001").andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", CustomerDirectory.RETRY_AFTER_SECONDS))
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:service-unavailable"))
				.andExpect(jsonPath("$.traceId").exists())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).doesNotContain("127.0.0.1", "localhost", backends.customerService.uri(), "http:",
					"Exception", "Connect");
		}
		finally {
			backends.customerService.restart();
		}
		assertThat(this.policies.count()).isEqualTo(before);
	}

	@Test
	void customerServiceErrorIs503AndNothingWritten() throws Exception {
		long before = this.policies.count();
		backends.customerService.failWith(500);
		create(Persona.CAROL, "C-1001").andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", CustomerDirectory.RETRY_AFTER_SECONDS));
		assertThat(this.policies.count()).isEqualTo(before);
	}

	@Test
	void slowCustomerServiceIsCutOffByTheReadTimeout() throws Exception {
		backends.customerService.delay(Duration.ofSeconds(4));
		Instant start = Instant.now();
		create(Persona.CAROL, "C-1001").andExpect(status().isServiceUnavailable());
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void tokenEndpointRefusingTheClientIs503AndCustomerServiceIsNotCalled() throws Exception {
		long before = this.policies.count();
		backends.tokenEndpoint.failWith(401);
		create(Persona.CAROL, "C-1001").andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", CustomerDirectory.RETRY_AFTER_SECONDS));
		assertThat(backends.customerService.authorizations()).isEmpty();
		assertThat(this.policies.count()).isEqualTo(before);
	}

	@Test
	void tokenRejectedByCustomerServiceIsDroppedSoTheNextCallFetchesANewOne() throws Exception {
		backends.customerService.failWith(401);
		create(Persona.CAROL, "C-1001").andExpect(status().isServiceUnavailable());
		backends.customerService.failWith(0);
		create(Persona.CAROL, "C-1001").andExpect(status().isCreated());
		assertThat(backends.tokenEndpoint.requests()).hasSize(2);
	}

	@Test
	void unknownCustomerAtCustomerServiceIs422AndNothingWritten() throws Exception {
		long before = this.policies.count();
		create(Persona.CAROL, "C-4242").andExpect(status().isUnprocessableContent());
		assertThat(backends.customerService.authorizations()).hasSize(1);
		assertThat(this.policies.count()).isEqualTo(before);
	}

	private ResultActions create(Persona persona, String customerId) throws Exception {
		return this.mvc
			.perform(post("/api/policies").header("Authorization", "Bearer " + backends.issuer.token(persona).build())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"" + customerId + "\",\"product\":\"TRAVEL\"}"));
	}

}
