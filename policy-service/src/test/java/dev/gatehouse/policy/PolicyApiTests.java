package dev.gatehouse.policy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.annotation.Transactional;

import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Ownership, status changes, the gateway's views and bad input as a caller sees them. */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
@DirtiesContext
class PolicyApiTests {

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

	@Test
	void customerListingShowsOnlyTheirOwnPolicies() throws Exception {
		this.mvc.perform(get("/api/policies").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(2))
			.andExpect(jsonPath("$.content[*].holder", everyItem(is("alice"))))
			.andExpect(jsonPath("$.content[0].id").value("P-3001"))
			.andExpect(jsonPath("$.content[1].id").value("P-3002"))
			.andExpect(jsonPath("$.page.totalElements").value(2));
	}

	@Test
	void staffListingShowsEveryPolicyPagedInIdOrder() throws Exception {
		this.mvc
			.perform(get("/api/policies?size=2&page=1&sort=holder,desc").header("Authorization", bearer(Persona.DAVE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(2))
			.andExpect(jsonPath("$.content[0].id").value("P-3003"))
			.andExpect(jsonPath("$.page.size").value(2))
			.andExpect(jsonPath("$.page.totalElements").value(7));
	}

	@Test
	void pageSizeIsCappedAt100() throws Exception {
		this.mvc.perform(get("/api/policies?size=100000").header("Authorization", bearer(Persona.DAVE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.size").value(100));
	}

	@Test
	void anotherCustomersPolicyAnswersExactlyLikeAMissingOne() throws Exception {
		String other = this.mvc.perform(get("/api/policies/P-3003").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String missing = this.mvc.perform(get("/api/policies/P-9999").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(withoutTraceId(other).replace("P-3003", "ID"))
			.isEqualTo(withoutTraceId(missing).replace("P-9999", "ID"));
	}

	@Test
	void unknownOrMalformedIdIs404() throws Exception {
		this.mvc.perform(get("/api/policies/P-9999").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:not-found"))
			.andExpect(jsonPath("$.detail", containsString("P-9999")));
		this.mvc.perform(get("/api/policies/3001").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isNotFound());
	}

	@Test
	void customerCreatesAQuoteForTheirOwnRecordPricedByTheService() throws Exception {
		this.mvc
			.perform(post("/api/policies").header("Authorization", bearer(Persona.ALICE))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-1001\",\"product\":\"AUTO\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("/api/policies/P-")))
			.andExpect(jsonPath("$.customerId").value("C-1001"))
			.andExpect(jsonPath("$.holder").value("alice"))
			.andExpect(jsonPath("$.status").value("QUOTED"))
			.andExpect(jsonPath("$.premium").value(720.00))
			.andExpect(jsonPath("$.partner").value(nullValue()));
	}

	@Test
	void customerCannotCreateForAnotherCustomersRecordWhichLooksLikeAnUnknownOne() throws Exception {
		long before = this.policies.count();
		String other = create(Persona.ALICE, "C-1002").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:unknown-customer"))
			.andExpect(jsonPath("$.errors[0].field").value("customerId"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String missing = create(Persona.ALICE, "C-9999").andExpect(status().isUnprocessableContent())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(withoutTraceId(other).replace("C-1002", "ID"))
			.isEqualTo(withoutTraceId(missing).replace("C-9999", "ID"));
		assertThat(this.policies.count()).isEqualTo(before);
	}

	@Test
	void unknownCustomerIs422NamingItAndNothingIsWritten() throws Exception {
		long before = this.policies.count();
		create(Persona.CAROL, "C-9999").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value("No customer C-9999; check the customerId."));
		assertThat(this.policies.count()).isEqualTo(before);
	}

	@Test
	void underwriterCreatesForACustomerWithoutLoginSoThePolicyHasNoHolder() throws Exception {
		create(Persona.CAROL, "C-1003").andExpect(status().isCreated())
			.andExpect(jsonPath("$.customerId").value("C-1003"))
			.andExpect(jsonPath("$.holder").value(nullValue()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "\"premium\":0.01", "\"status\":\"APPROVED\"", "\"holder\":\"alice\"",
			"\"partner\":\"acme\"", "\"id\":\"P-1\"" })
	void callersCannotSetServiceOwnedFieldsOnCreate(String field) throws Exception {
		long before = this.policies.count();
		String name = field.substring(1, field.indexOf('"', 1));
		this.mvc
			.perform(post("/api/policies").header("Authorization", bearer(Persona.ALICE))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-1001\",\"product\":\"HOME\"," + field + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"))
			.andExpect(jsonPath("$.detail", containsString("'" + name + "'")));
		assertThat(this.policies.count()).isEqualTo(before);
	}

	@Test
	void invalidFieldsAre400NamingEachFieldWithoutCallingCustomerService() throws Exception {
		int calls = backends.customerService.authorizations().size();
		this.mvc
			.perform(post("/api/policies").header("Authorization", bearer(Persona.CAROL))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"../admin\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[?(@.field == 'customerId')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'product')]").exists());
		assertThat(backends.customerService.authorizations()).hasSize(calls);
	}

	@Test
	void unknownProductIs400() throws Exception {
		this.mvc
			.perform(post("/api/policies").header("Authorization", bearer(Persona.CAROL))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-1001\",\"product\":\"BOAT\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"));
	}

	@Test
	void malformedJsonIs400() throws Exception {
		this.mvc
			.perform(post("/api/policies").header("Authorization", bearer(Persona.CAROL))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\": \"C-1001\", "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"));
	}

	@Test
	void oversizedBodyIs413AndNothingIsWritten() throws Exception {
		long before = this.policies.count();
		this.mvc
			.perform(post("/api/policies").header("Authorization", bearer(Persona.CAROL))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-1001\",\"product\":\"HOME\",\"x\":\"" + "x".repeat(100_000) + "\"}"))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:payload-too-large"));
		assertThat(this.policies.count()).isEqualTo(before);
	}

	@Test
	void underwriterApprovesAndRejectsQuotes() throws Exception {
		changeStatus(bearer(Persona.CAROL), "P-3002", "APPROVED").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("APPROVED"));
		changeStatus(bearer(Persona.CAROL), "P-3007", "REJECTED").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("REJECTED"));
	}

	@Test
	void approvingNeedsPolicyApproveEvenWithPolicyWrite() throws Exception {
		String writer = "Bearer " + backends.issuer.clientToken("sales-desk", "policy:write").build();
		for (String decision : new String[] { "APPROVED", "REJECTED" }) {
			changeStatus(writer, "P-3007", decision).andExpect(status().isForbidden())
				.andExpect(header().string("WWW-Authenticate", startsWith("Bearer error=\"insufficient_scope\"")))
				.andExpect(header().string("WWW-Authenticate", containsString("policy:approve")))
				.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:insufficient-scope"))
				.andExpect(jsonPath("$.detail", containsString("policy:approve")));
		}
		assertThat(statusOf("P-3007")).isEqualTo(Policy.Status.QUOTED);
		changeStatus(writer, "P-3007", "CANCELLED").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"));
	}

	@Test
	void customerCancelsTheirOwnPolicyButCannotApproveIt() throws Exception {
		changeStatus(bearer(Persona.ALICE), "P-3002", "APPROVED").andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", startsWith("Bearer error=\"insufficient_scope\"")));
		changeStatus(bearer(Persona.ALICE), "P-3001", "CANCELLED").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"));
	}

	@Test
	void customerCannotTouchAnotherCustomersPolicy() throws Exception {
		changeStatus(bearer(Persona.FRANK), "P-3002", "CANCELLED").andExpect(status().isNotFound());
		assertThat(statusOf("P-3002")).isEqualTo(Policy.Status.QUOTED);
	}

	@Test
	void finalStatusesCannotChangeAndApprovedOnlyToCancelled() throws Exception {
		changeStatus(bearer(Persona.CAROL), "P-3006", "APPROVED").andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:conflict"))
			.andExpect(jsonPath("$.detail").value("Policy P-3006 is CANCELLED and cannot become APPROVED."));
		changeStatus(bearer(Persona.CAROL), "P-3005", "CANCELLED").andExpect(status().isConflict());
		changeStatus(bearer(Persona.CAROL), "P-3001", "REJECTED").andExpect(status().isConflict());
		changeStatus(bearer(Persona.CAROL), "P-3001", "APPROVED").andExpect(status().isConflict());
		assertThat(statusOf("P-3006")).isEqualTo(Policy.Status.CANCELLED);
		assertThat(statusOf("P-3005")).isEqualTo(Policy.Status.REJECTED);
		assertThat(statusOf("P-3001")).isEqualTo(Policy.Status.APPROVED);
	}

	@Test
	void quotedIsNotAStatusToMoveTo() throws Exception {
		changeStatus(bearer(Persona.CAROL), "P-3001", "QUOTED").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("status"));
	}

	@Test
	void partnerViewListsOnlyThatPartnersPoliciesWithoutCustomerIdsOrLogins() throws Exception {
		String body = this.mvc
			.perform(get("/partner/policies").header("Authorization", gateway())
				.header(GatewayVouching.partnerHeader(), "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].id").value(contains("P-3001", "P-3003", "P-3005")))
			.andExpect(jsonPath("$.content[0].premium").value(480.00))
			.andExpect(jsonPath("$.page.totalElements").value(3))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("holder", "alice", "frank", "customerId", "C-10", "partner");
		this.mvc
			.perform(get("/partner/policies").header("Authorization", gateway())
				.header(GatewayVouching.partnerHeader(), "globex"))
			.andExpect(jsonPath("$.content[*].id").value(contains("P-3004")));
		this.mvc
			.perform(get("/partner/policies").header("Authorization", gateway())
				.header(GatewayVouching.partnerHeader(), "initech"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.totalElements").value(0));
	}

	@Test
	void gatewayCallWithoutAValidIdentityIs400NamingTheHeader() throws Exception {
		this.mvc.perform(get("/partner/policies").header("Authorization", gateway()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString(GatewayVouching.partnerHeader())));
		this.mvc
			.perform(get("/partner/policies").header("Authorization", gateway())
				.header(GatewayVouching.partnerHeader(), "acme, globex"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString(GatewayVouching.partnerHeader())));
		this.mvc
			.perform(get("/internal/reports").header("Authorization", gateway())
				.header(GatewayVouching.callerHeader(), "ops, admin"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString(GatewayVouching.callerHeader())));
	}

	@Test
	void partnerViewOfOnePolicyIsThatPartnersOnlyAndAnyOtherLooksMissing() throws Exception {
		this.mvc
			.perform(get("/partner/policies/P-3003").header("Authorization", gateway())
				.header(GatewayVouching.partnerHeader(), "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("P-3003"))
			.andExpect(jsonPath("$.holder").doesNotExist())
			.andExpect(jsonPath("$.customerId").doesNotExist());
		for (String notAcmes : new String[] { "P-3004", "P-3002", "P-9999", "P-03003" }) {
			this.mvc
				.perform(get("/partner/policies/" + notAcmes).header("Authorization", gateway())
					.header(GatewayVouching.partnerHeader(), "acme"))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.detail").value("No policy " + notAcmes + "; check the id."));
		}
	}

	@Test
	void partnerSystemsTokenSeesOnlyItsPartnersPoliciesInThePartnerViewOnTheApi() throws Exception {
		String partner = "Bearer "
				+ backends.issuer.clientToken("acme-partner", "policy:read").claim("partner", "acme").build();
		String body = this.mvc.perform(get("/api/policies").header("Authorization", partner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].id").value(contains("P-3001", "P-3003", "P-3005")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("holder", "alice", "frank", "customerId", "C-10", "partner");
		this.mvc.perform(get("/api/policies/P-3005").header("Authorization", partner))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("P-3005"))
			.andExpect(jsonPath("$.holder").doesNotExist());
		this.mvc.perform(get("/api/policies/P-3004").header("Authorization", partner)).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/policies/P-3002").header("Authorization", partner)).andExpect(status().isNotFound());
	}

	@Test
	void partnerSystemChangesNothingWhateverRolesItsTokenCarries() throws Exception {
		String partner = "Bearer "
				+ backends.issuer.clientToken("acme-partner", "policy:read", "policy:write", "policy:approve")
					.claim("partner", "acme")
					.build();
		int calls = backends.customerService.authorizations().size();
		this.mvc
			.perform(post("/api/policies").header("Authorization", partner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-1003\",\"product\":\"HOME\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:insufficient-scope"))
			.andExpect(jsonPath("$.detail", containsString("not open to partner systems")));
		changeStatus(partner, "P-3005", "CANCELLED").andExpect(status().isForbidden());
		changeStatus(partner, "P-3007", "APPROVED").andExpect(status().isForbidden());
		assertThat(statusOf("P-3007")).isEqualTo(Policy.Status.QUOTED);
		assertThat(backends.customerService.authorizations()).hasSize(calls);
	}

	@Test
	void certificateBoundTokenIsRefusedDirectlyAndAcceptedWhenTheGatewayVouchesForIt() throws Exception {
		String bound = backends.issuer.clientToken("acme-partner", "policy:read")
			.claim("partner", "acme")
			.claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
			.build();
		this.mvc.perform(get("/api/policies").header("Authorization", "Bearer " + bound))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\"")))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:unverifiable-token-binding"));
		this.mvc
			.perform(get("/api/policies").header("Authorization", gateway())
				.header(GatewayVouching.boundTokenHeader(), bound))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[*].id").value(contains("P-3001", "P-3003", "P-3005")))
			.andExpect(jsonPath("$.content[0].holder").doesNotExist());
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "P-03001", "P-%EF%BC%93%EF%BC%90%EF%BC%90%EF%BC%91", "P-3001%20", "%20P-3001", "p-3001",
			"P-+3001", "P-3001.0" })
	void otherSpellingsOfAPolicyIdAre404(String id) throws Exception {
		this.mvc.perform(get(URI.create("/api/policies/" + id)).header("Authorization", bearer(Persona.DAVE)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:not-found"));
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "C-01001", "C-\uFF11\uFF10\uFF10\uFF11", " C-1001", "C-1001 ", "c-1001", "C-+1001" })
	void otherSpellingsOfACustomerIdAreRefusedBeforeCustomerServiceIsAsked(String customerId) throws Exception {
		int calls = backends.customerService.authorizations().size();
		create(Persona.ALICE, customerId).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("customerId"));
		assertThat(backends.customerService.authorizations()).hasSize(calls);
	}

	@Test
	void anotherCustomersRecordAndAMissingOneCostTheSameOneLookupAndAnswerAlike() throws Exception {
		int calls = backends.customerService.authorizations().size();
		String other = create(Persona.ALICE, "C-1002").andReturn().getResponse().getContentAsString();
		assertThat(backends.customerService.authorizations()).hasSize(calls + 1);
		String missing = create(Persona.ALICE, "C-9999").andReturn().getResponse().getContentAsString();
		assertThat(backends.customerService.authorizations()).hasSize(calls + 2);
		assertThat(withoutTraceId(other).replace("C-1002", "ID"))
			.isEqualTo(withoutTraceId(missing).replace("C-9999", "ID"));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Persona.class, names = { "BOB", "DAVE", "EVE" })
	void callerWhoMayNotCreatePoliciesLearnsNothingAboutTheCustomerAndCausesNoLookup(Persona persona) throws Exception {
		int calls = backends.customerService.authorizations().size();
		String existing = create(persona, "C-1002").andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String missing = create(persona, "C-9999").andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(withoutTraceId(existing)).isEqualTo(withoutTraceId(missing));
		assertThat(backends.customerService.authorizations()).hasSize(calls);
	}

	@Test
	void callerWhoMayReadCustomersHearsThatTheRecordIsNotTheirs() throws Exception {
		String reader = "Bearer " + backends.issuer.token(Persona.ALICE)
			.claim("realm_access", Map.of("roles", List.of("customer", "customer:read")))
			.build();
		this.mvc
			.perform(post("/api/policies").header("Authorization", reader)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-1002\",\"product\":\"HOME\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail")
				.value("Customer C-1002 is not yours: you may open policies only for your own customer record."));
		this.mvc
			.perform(post("/api/policies").header("Authorization", reader)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"C-9999\",\"product\":\"HOME\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value("No customer C-9999; check the customerId."));
	}

	@Test
	void reportCountsPoliciesByStatus() throws Exception {
		changeStatus(bearer(Persona.CAROL), "P-3007", "APPROVED").andExpect(status().isOk());
		this.mvc
			.perform(get("/internal/reports").header("Authorization", gateway())
				.header(GatewayVouching.callerHeader(), "ops"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.countsByStatus.QUOTED").value(2))
			.andExpect(jsonPath("$.countsByStatus.APPROVED").value(3))
			.andExpect(jsonPath("$.countsByStatus.REJECTED").value(1))
			.andExpect(jsonPath("$.countsByStatus.CANCELLED").value(1))
			.andExpect(jsonPath("$.total").value(7));
	}

	private ResultActions create(Persona persona, String customerId) throws Exception {
		return this.mvc.perform(post("/api/policies").header("Authorization", bearer(persona))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerId\":\"" + customerId + "\",\"product\":\"HOME\"}"));
	}

	private ResultActions changeStatus(String authorization, String id, String status) throws Exception {
		return this.mvc.perform(patch("/api/policies/" + id + "/status").header("Authorization", authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\":\"" + status + "\"}"));
	}

	private Policy.Status statusOf(String id) {
		return this.policies.findById(Policy.number(id)).orElseThrow().getStatus();
	}

	private static String withoutTraceId(String body) {
		return body.replaceAll("\"traceId\":\"[0-9a-f]+\"", "");
	}

	private static String bearer(Persona persona) {
		return "Bearer " + backends.issuer.token(persona).build();
	}

	private static String gateway() {
		return "Bearer " + backends.issuer.clientToken("gatehouse-gateway").build();
	}

}
