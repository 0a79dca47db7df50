package dev.gatehouse.customer;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.TestIssuer;

import static dev.gatehouse.customer.Callers.ACME_PARTNER;
import static dev.gatehouse.customer.Callers.ALICE;
import static dev.gatehouse.customer.Callers.BOB;
import static dev.gatehouse.customer.Callers.CAROL;
import static dev.gatehouse.customer.Callers.DAVE;
import static dev.gatehouse.customer.Callers.EVE;
import static dev.gatehouse.customer.Callers.FRANK;
import static dev.gatehouse.customer.Callers.NO_TOKEN;
import static dev.gatehouse.customer.Callers.POLICY_SERVICE;
import static dev.gatehouse.customer.Callers.REPORTING_BATCH;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every endpoint and method against every caller, with signed Keycloak-shaped tokens
 * going through the service's real decoder, claim converter and route rules. 404 rows are
 * ownership: another customer's record looks missing.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class CustomerRoleMatrixTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	MockMvc mvc;

	static final String NEW_CUSTOMER = "{\"name\":\"Ivy Iles\",\"email\":\"ivy@example.com\"}";

	static final String ALICE_UPDATE = "{\"name\":\"Alice A. Anders\",\"email\":\"alice@example.com\"}";

	static Stream<Arguments> matrix() {
		return Stream.of(
				// GET /api/customers: staff and self-service (own records only) read;
				// others 403.
				row(HttpMethod.GET, "/api/customers", null, ALICE, 200),
				row(HttpMethod.GET, "/api/customers", null, FRANK, 200),
				row(HttpMethod.GET, "/api/customers", null, BOB, 200),
				row(HttpMethod.GET, "/api/customers", null, CAROL, 403),
				row(HttpMethod.GET, "/api/customers", null, DAVE, 200),
				row(HttpMethod.GET, "/api/customers", null, EVE, 403),
				row(HttpMethod.GET, "/api/customers", null, REPORTING_BATCH, 200),
				row(HttpMethod.GET, "/api/customers", null, POLICY_SERVICE, 200),
				row(HttpMethod.GET, "/api/customers", null, NO_TOKEN, 401),
				// GET one record: alice's own is 200 for her, 404 for frank.
				row(HttpMethod.GET, "/api/customers/C-1001", null, ALICE, 200),
				row(HttpMethod.GET, "/api/customers/C-1001", null, FRANK, 404),
				row(HttpMethod.GET, "/api/customers/C-1001", null, BOB, 200),
				row(HttpMethod.GET, "/api/customers/C-1001", null, CAROL, 403),
				row(HttpMethod.GET, "/api/customers/C-1001", null, DAVE, 200),
				row(HttpMethod.GET, "/api/customers/C-1001", null, EVE, 403),
				row(HttpMethod.GET, "/api/customers/C-1001", null, REPORTING_BATCH, 200),
				row(HttpMethod.GET, "/api/customers/C-1001", null, POLICY_SERVICE, 200),
				row(HttpMethod.GET, "/api/customers/C-1001", null, NO_TOKEN, 401),
				// GET /me: only self-service customers have a record of their own.
				row(HttpMethod.GET, "/api/customers/me", null, ALICE, 200),
				row(HttpMethod.GET, "/api/customers/me", null, FRANK, 200),
				row(HttpMethod.GET, "/api/customers/me", null, BOB, 403),
				row(HttpMethod.GET, "/api/customers/me", null, CAROL, 403),
				row(HttpMethod.GET, "/api/customers/me", null, DAVE, 403),
				row(HttpMethod.GET, "/api/customers/me", null, EVE, 403),
				row(HttpMethod.GET, "/api/customers/me", null, REPORTING_BATCH, 403),
				row(HttpMethod.GET, "/api/customers/me", null, POLICY_SERVICE, 403),
				row(HttpMethod.GET, "/api/customers/me", null, NO_TOKEN, 401),
				// POST: staff with customer:write only.
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, ALICE, 403),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, FRANK, 403),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, BOB, 201),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, CAROL, 403),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, DAVE, 403),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, EVE, 403),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, REPORTING_BATCH, 403),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, POLICY_SERVICE, 403),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, NO_TOKEN, 401),
				// PUT: staff with customer:write, or the owner.
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, ALICE, 200),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, FRANK, 404),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, BOB, 200),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, CAROL, 403),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, DAVE, 403),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, EVE, 403),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, REPORTING_BATCH, 403),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, POLICY_SERVICE, 403),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, NO_TOKEN, 401),
				// Partner acme's certificate-bound token: this service cannot check the
				// certificate.
				row(HttpMethod.GET, "/api/customers", null, ACME_PARTNER, 401),
				row(HttpMethod.GET, "/api/customers/C-1001", null, ACME_PARTNER, 401),
				row(HttpMethod.GET, "/api/customers/me", null, ACME_PARTNER, 401),
				row(HttpMethod.POST, "/api/customers", NEW_CUSTOMER, ACME_PARTNER, 401),
				row(HttpMethod.PUT, "/api/customers/C-1001", ALICE_UPDATE, ACME_PARTNER, 401),
				// No DELETE: refused for everyone, even staff.
				row(HttpMethod.DELETE, "/api/customers/C-1001", null, BOB, 403),
				row(HttpMethod.DELETE, "/api/customers/C-1001", null, NO_TOKEN, 401));
	}

	private static Arguments row(HttpMethod method, String path, String body, Callers caller, int status) {
		return arguments(method, path, body, caller, status);
	}

	@ParameterizedTest(name = "{0} {1} as {3} -> {4}")
	@MethodSource("matrix")
	void callerGetsTheStatusTheContractGivesTheirRole(HttpMethod method, String path, String body, Callers caller,
			int expected) throws Exception {
		MockHttpServletRequestBuilder request = request(method, path);
		String token = caller.token(issuer);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		var result = this.mvc.perform(request).andExpect(status().is(expected));
		if (expected >= 400) {
			result.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

}
