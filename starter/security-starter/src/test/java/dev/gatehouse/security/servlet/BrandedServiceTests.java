package dev.gatehouse.security.servlet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.TestIssuer;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A service under a renamed brand: its problem types carry the brand's prefix, and it
 * believes the gateway's identity headers under the brand's header prefix only. The
 * context is closed after the class, which puts the default brand back for the others.
 */
@WithTestIssuer
@SpringBootTest(properties = { "gatehouse.brand.problem-type-prefix=urn:acme:problem:",
		"gatehouse.brand.header-prefix=X-Acme-", "gatehouse.brand.api-key-prefix=acme_" })
@AutoConfigureMockMvc
@DirtiesContext
class BrandedServiceTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	MockMvc mvc;

	static String gateway() {
		return "Bearer " + issuer.clientToken("gatehouse-gateway").build();
	}

	@Test
	void aMissingTokenIsAProblemOfTheBrandsType() throws Exception {
		this.mvc.perform(get("/api/whoami"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("urn:acme:problem:missing-token"));
	}

	@Test
	void thePartnerNamedByTheGatewayUnderTheBrandsHeaderIsBelieved() throws Exception {
		this.mvc.perform(get("/api/whoami").header("Authorization", gateway()).header("X-Acme-Partner", "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authorities", hasItems("client:gatehouse-gateway", "partner:acme")));
	}

	@Test
	void aHeaderUnderAnotherPrefixNamesNoPartner() throws Exception {
		this.mvc.perform(get("/api/whoami").header("Authorization", gateway()).header("X-Other-Partner", "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authorities", not(hasItem("partner:acme"))));
	}

	@Test
	void anInvalidPartnerHeaderIsAValidationProblemOfTheBrandNamingTheBrandsHeader() throws Exception {
		this.mvc.perform(get("/api/whoami").header("Authorization", gateway()).header("X-Acme-Partner", "acme corp"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:acme:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("X-Acme-Partner"));
	}

}
