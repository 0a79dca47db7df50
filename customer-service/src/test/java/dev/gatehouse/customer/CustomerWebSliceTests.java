package dev.gatehouse.customer;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The controller alone, with the repository mocked, behind the starter's security as the
 * service runs it (gatehouse-security-starter-test puts it in the slice): real tokens,
 * the starter's decoder, this service's route rules from application.yaml, problem
 * bodies.
 */
@WebMvcTest(CustomerController.class)
@WithTestIssuer
class CustomerWebSliceTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CustomerRepository customers;

	@Test
	void requestWithoutTokenIsAnsweredByTheStarterWith401AndAProblemNotBootsDefaultSecurity() throws Exception {
		this.mvc.perform(get("/api/customers/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:missing-token"));
		verifyNoInteractions(this.customers);
	}

	@Test
	void customerTokenReachesTheControllerAsTheCustomer() throws Exception {
		given(this.customers.findFirstByOwner("alice"))
			.willReturn(Optional.of(new Customer("alice", "Alice Example", "alice@example.com")));
		this.mvc.perform(get("/api/customers/me").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.owner").value("alice"))
			.andExpect(jsonPath("$.name").value("Alice Example"));
	}

	@Test
	void routeRuleOfApplicationYamlRefusesACustomerCreatingRecordsWith403() throws Exception {
		this.mvc
			.perform(post("/api/customers").header("Authorization", bearer(Persona.ALICE))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Mallory\",\"email\":\"m@example.com\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:insufficient-scope"));
		verifyNoInteractions(this.customers);
	}

	@Test
	void tokenFromAnotherKeyIsRefusedWithItsCause() throws Exception {
		this.mvc
			.perform(get("/api/customers/me").header("Authorization",
					"Bearer " + issuer.token(Persona.ALICE).signedBy(TestIssuer.newKey()).build()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:bad-signature"));
	}

	private static String bearer(Persona persona) {
		return "Bearer " + issuer.token(persona).build();
	}

}
