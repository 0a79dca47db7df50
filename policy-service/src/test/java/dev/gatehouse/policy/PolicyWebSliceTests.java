package dev.gatehouse.policy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The controller alone, its repository and customer-service mocked, behind the starter's
 * security as the service runs it (gatehouse-security-starter-test puts it in the slice).
 */
@WebMvcTest(value = PolicyController.class, properties = "POLICY_SERVICE_CLIENT_SECRET=test-secret")
@WithTestIssuer
class PolicyWebSliceTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	PolicyRepository policies;

	@MockitoBean
	CustomerDirectory customers;

	@Test
	void requestWithoutTokenIsAnsweredByTheStarterWith401AndAProblem() throws Exception {
		this.mvc.perform(get("/api/policies"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:missing-token"));
		verifyNoInteractions(this.policies);
	}

	@Test
	void customerTokenListsTheCustomersOwnPolicies() throws Exception {
		given(this.policies.findByHolder(eq("alice"), any(Pageable.class))).willReturn(new PageImpl<>(
				List.of(new Policy("C-1001", "alice", Policy.Product.HOME, null)), Pageable.ofSize(20), 1));
		this.mvc.perform(get("/api/policies").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].holder").value("alice"))
			.andExpect(jsonPath("$.content[0].product").value("HOME"));
	}

	@Test
	void routeRuleOfApplicationYamlRefusesAnAuditorCreatingPoliciesWith403() throws Exception {
		this.mvc
			.perform(post("/api/policies").header("Authorization", bearer(Persona.DAVE))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-1001\",\"product\":\"HOME\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:insufficient-scope"));
		verifyNoInteractions(this.customers, this.policies);
	}

	private static String bearer(Persona persona) {
		return "Bearer " + issuer.token(persona).build();
	}

}
