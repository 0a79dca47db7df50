package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.annotation.Transactional;

import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.security.test.WithTestIssuer;

import static dev.gatehouse.policy.Callers.ACME_PARTNER;
import static dev.gatehouse.policy.Callers.ACME_PARTNER_VIA_GATEWAY;
import static dev.gatehouse.policy.Callers.ALICE;
import static dev.gatehouse.policy.Callers.BOB;
import static dev.gatehouse.policy.Callers.CAROL;
import static dev.gatehouse.policy.Callers.DAVE;
import static dev.gatehouse.policy.Callers.EVE;
import static dev.gatehouse.policy.Callers.FRANK;
import static dev.gatehouse.policy.Callers.GATEWAY;
import static dev.gatehouse.policy.Callers.NO_TOKEN;
import static dev.gatehouse.policy.Callers.REPORTING_BATCH;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every endpoint and method against every caller, with signed Keycloak-shaped tokens
 * going through the service's real decoder, claim converter and route rules. 404 rows are
 * ownership (another customer's policy looks missing), 422 is a customer record that is
 * not the caller's, and the gateway-only endpoints are called with the identity header,
 * so a 403 there is the token's doing. acme's certificate-bound token is refused when
 * sent directly and, passed on by the gateway, reads acme's policies only and changes
 * nothing.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
@DirtiesContext
class PolicyRoleMatrixTests {

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

	static final String NEW_POLICY = "{\"customerId\":\"C-1001\",\"product\":\"HOME\"}";

	static final String CANCEL = "{\"status\":\"CANCELLED\"}";

	static final String APPROVE = "{\"status\":\"APPROVED\"}";

	/** alice's quote. */
	static final String ALICE_QUOTE = "/api/policies/P-3002/status";

	static final String PARTNER = GatewayVouching.partnerHeader();

	static final String CALLER = GatewayVouching.callerHeader();

	static Stream<Arguments> matrix() {
		List<Arguments> rows = new ArrayList<>();
		// GET list: staff, the batch client and self-service (own policies only) read;
		// others 403.
		rows(rows, HttpMethod.GET, "/api/policies", null, null, ALICE, 200, FRANK, 200, BOB, 200, CAROL, 200, DAVE, 200,
				EVE, 403, REPORTING_BATCH, 200, GATEWAY, 403, ACME_PARTNER, 401, ACME_PARTNER_VIA_GATEWAY, 200,
				NO_TOKEN, 401);
		// GET one: alice's policy is hers and staff's; frank gets 404.
		rows(rows, HttpMethod.GET, "/api/policies/P-3001", null, null, ALICE, 200, FRANK, 404, BOB, 200, CAROL, 200,
				DAVE, 200, EVE, 403, REPORTING_BATCH, 200, GATEWAY, 403, ACME_PARTNER, 401, ACME_PARTNER_VIA_GATEWAY,
				200, NO_TOKEN, 401);
		// alice's direct sale: not acme's.
		rows(rows, HttpMethod.GET, "/api/policies/P-3002", null, null, ACME_PARTNER_VIA_GATEWAY, 404);
		// POST for C-1001: writers, and alice for her own record; frank's is refused as
		// an unknown customer.
		rows(rows, HttpMethod.POST, "/api/policies", NEW_POLICY, null, ALICE, 201, FRANK, 422, BOB, 403, CAROL, 201,
				DAVE, 403, EVE, 403, REPORTING_BATCH, 403, GATEWAY, 403, ACME_PARTNER, 401, ACME_PARTNER_VIA_GATEWAY,
				403, NO_TOKEN, 401);
		// PATCH to CANCELLED: writers and the holder.
		rows(rows, HttpMethod.PATCH, ALICE_QUOTE, CANCEL, null, ALICE, 200, FRANK, 404, BOB, 403, CAROL, 200, DAVE, 403,
				EVE, 403, REPORTING_BATCH, 403, GATEWAY, 403, ACME_PARTNER, 401, ACME_PARTNER_VIA_GATEWAY, 403,
				NO_TOKEN, 401);
		// PATCH to APPROVED: underwriters only; the holder passes the route rule but not
		// the controller.
		rows(rows, HttpMethod.PATCH, ALICE_QUOTE, APPROVE, null, ALICE, 403, FRANK, 404, BOB, 403, CAROL, 200, DAVE,
				403, EVE, 403, REPORTING_BATCH, 403, GATEWAY, 403, NO_TOKEN, 401);
		// Partner view: the gateway's token only, whoever else sends the header.
		rows(rows, HttpMethod.GET, "/partner/policies", null, PARTNER, ALICE, 403, FRANK, 403, BOB, 403, CAROL, 403,
				DAVE, 403, EVE, 403, REPORTING_BATCH, 403, GATEWAY, 200, ACME_PARTNER, 401, ACME_PARTNER_VIA_GATEWAY,
				403, NO_TOKEN, 401);
		rows(rows, HttpMethod.GET, "/partner/policies/P-3001", null, PARTNER, BOB, 403, REPORTING_BATCH, 403, GATEWAY,
				200, ACME_PARTNER_VIA_GATEWAY, 403, NO_TOKEN, 401);
		// Internal report: the gateway's token only.
		rows(rows, HttpMethod.GET, "/internal/reports", null, CALLER, ALICE, 403, FRANK, 403, BOB, 403, CAROL, 403,
				DAVE, 403, EVE, 403, REPORTING_BATCH, 403, GATEWAY, 200, NO_TOKEN, 401);
		// The gateway's token without the identity it vouches for.
		rows.add(arguments(HttpMethod.GET, "/partner/policies", null, null, GATEWAY, 400));
		rows.add(arguments(HttpMethod.GET, "/internal/reports", null, null, GATEWAY, 400));
		rows.add(arguments(HttpMethod.GET, "/partner/policies/P-3001", null, null, GATEWAY, 400));
		// Methods and paths no rule names: refused for everyone, even the roles that may
		// read.
		rows.add(arguments(HttpMethod.DELETE, "/api/policies/P-3001", null, null, CAROL, 403));
		rows.add(arguments(HttpMethod.PUT, "/api/policies/P-3001", NEW_POLICY, null, CAROL, 403));
		rows.add(arguments(HttpMethod.POST, "/partner/policies", NEW_POLICY, PARTNER, GATEWAY, 403));
		rows.add(arguments(HttpMethod.GET, "/api/policies/P-3001/status", null, null, CAROL, 403));
		rows.add(arguments(HttpMethod.GET, "/internal/other", null, CALLER, GATEWAY, 403));
		rows.add(arguments(HttpMethod.DELETE, "/api/policies/P-3001", null, null, NO_TOKEN, 401));
		return rows.stream();
	}

	/**
	 * One row per caller: pairs of caller and expected status after the request's shape.
	 */
	private static void rows(List<Arguments> rows, HttpMethod method, String path, String body, String identityHeader,
			Object... callersAndStatuses) {
		for (int i = 0; i < callersAndStatuses.length; i += 2) {
			rows.add(arguments(method, path, body, identityHeader, callersAndStatuses[i], callersAndStatuses[i + 1]));
		}
	}

	@ParameterizedTest(name = "{0} {1} as {4} -> {5}")
	@MethodSource("matrix")
	void callerGetsTheStatusTheContractGivesTheirRole(HttpMethod method, String path, String body,
			String identityHeader, Callers caller, int expected) throws Exception {
		MockHttpServletRequestBuilder request = request(method, path);
		caller.authorize(request, backends.issuer);
		if (identityHeader != null) {
			request.header(identityHeader, PARTNER.equals(identityHeader) ? "acme" : "ops");
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
