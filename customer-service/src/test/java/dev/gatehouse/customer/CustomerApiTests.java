package dev.gatehouse.customer;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Ownership, paging and bad input as a caller sees them. */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class CustomerApiTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	MockMvc mvc;

	@Autowired
	CustomerRepository customers;

	@Test
	void customerListingShowsOnlyTheirOwnRecord() throws Exception {
		this.mvc.perform(get("/api/customers").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(1))
			.andExpect(jsonPath("$.content[0].id").value("C-1001"))
			.andExpect(jsonPath("$.page.totalElements").value(1));
	}

	@Test
	void staffListingShowsEveryRecordPaged() throws Exception {
		this.mvc.perform(get("/api/customers?size=2").header("Authorization", bearer(Persona.DAVE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.length()").value(2))
			.andExpect(jsonPath("$.page.size").value(2))
			.andExpect(jsonPath("$.page.totalElements").value(4));
	}

	@Test
	void pageSizeIsCappedAt100() throws Exception {
		this.mvc.perform(get("/api/customers?size=100000").header("Authorization", bearer(Persona.DAVE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page.size").value(100));
	}

	@Test
	void unknownSortPropertyIsIgnoredAndRecordsComeInIdOrder() throws Exception {
		this.mvc.perform(get("/api/customers?sort=nope,desc").header("Authorization", bearer(Persona.DAVE)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value("C-1001"));
	}

	@Test
	void meReturnsTheCallersOwnRecord() throws Exception {
		this.mvc.perform(get("/api/customers/me").header("Authorization", bearer(Persona.FRANK)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("C-1002"))
			.andExpect(jsonPath("$.owner").value("frank"));
	}

	@Test
	void anotherCustomersRecordAnswersExactlyLikeAMissingOne() throws Exception {
		String other = this.mvc.perform(get("/api/customers/C-1002").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String missing = this.mvc.perform(get("/api/customers/C-9999").header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isNotFound())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(other.replaceAll("\"traceId\":\"[0-9a-f]+\"", "").replace("C-1002", "ID"))
			.isEqualTo(missing.replaceAll("\"traceId\":\"[0-9a-f]+\"", "").replace("C-9999", "ID"));
	}

	@Test
	void unknownOrMalformedIdIs404() throws Exception {
		this.mvc.perform(get("/api/customers/C-9999").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:not-found"))
			.andExpect(jsonPath("$.detail", containsString("C-9999")));
		this.mvc.perform(get("/api/customers/1001").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isNotFound());
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "C-01001", "C-%EF%BC%91%EF%BC%90%EF%BC%90%EF%BC%91", "C-1001%20", "%20C-1001", "c-1001",
			"C-+1001", "C-1001.0" })
	void otherSpellingsOfACustomerIdAre404(String id) throws Exception {
		this.mvc.perform(get(URI.create("/api/customers/" + id)).header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:not-found"));
		this.mvc.perform(get(URI.create("/api/customers/" + id)).header("Authorization", bearer(Persona.ALICE)))
			.andExpect(status().isNotFound());
	}

	@Test
	void partnerSystemSeesNoCustomerRecordWhateverRolesItsTokenCarries() throws Exception {
		String partner = "Bearer " + issuer.clientToken("acme-partner", "customer:read", "customer:write")
			.claim("partner", "acme")
			.build();
		for (String path : new String[] { "/api/customers", "/api/customers/C-1001" }) {
			this.mvc.perform(get(path).header("Authorization", partner))
				.andExpect(status().isForbidden())
				.andExpect(header().string("WWW-Authenticate", containsString("insufficient_scope")))
				.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:insufficient-scope"))
				.andExpect(jsonPath("$.detail", containsString("not open to partner systems")));
		}
		this.mvc
			.perform(put("/api/customers/C-1001").header("Authorization", partner)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Changed\",\"email\":\"changed@example.com\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail", containsString("not open to partner systems")));
	}

	@Test
	void customerCannotSetOwnerOrStatusOnTheirRecord() throws Exception {
		this.mvc.perform(put("/api/customers/C-1001").header("Authorization", bearer(Persona.ALICE))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Alice\",\"email\":\"alice@example.com\",\"owner\":\"frank\",\"status\":\"ACTIVE\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"))
			.andExpect(jsonPath("$.detail", containsString("'owner'")));
		assertThat(this.customers.findById(1001L)).get()
			.extracting(Customer::getOwner, Customer::getName)
			.containsExactly("alice", "Alice Anders");
	}

	@Test
	void invalidFieldsAre400NamingEachFieldAndNothingIsWritten() throws Exception {
		long before = this.customers.count();
		this.mvc
			.perform(post("/api/customers").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\",\"email\":\"not-an-email\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'email')]").exists());
		assertThat(this.customers.count()).isEqualTo(before);
	}

	@Test
	void malformedJsonIs400() throws Exception {
		this.mvc
			.perform(post("/api/customers").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Ivy\", "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"));
	}

	@Test
	void oversizedBodyIs413AndNothingIsWritten() throws Exception {
		long before = this.customers.count();
		this.mvc
			.perform(post("/api/customers").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + "x".repeat(100_000) + "\",\"email\":\"ivy@example.com\"}"))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:payload-too-large"));
		assertThat(this.customers.count()).isEqualTo(before);
	}

	@Test
	void agentCreatesACustomerForALoginAndGetsItsLocation() throws Exception {
		this.mvc
			.perform(post("/api/customers").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Ivy Iles\",\"email\":\"ivy@example.com\",\"owner\":\"ivy\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/customers/C-")))
			.andExpect(jsonPath("$.owner").value("ivy"))
			.andExpect(jsonPath("$.status").value("ACTIVE"));
	}

	@Test
	void secondRecordForTheSameLoginIs409() throws Exception {
		this.mvc
			.perform(post("/api/customers").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Alice Two\",\"email\":\"a2@example.com\",\"owner\":\"alice\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:conflict"));
	}

	private static String bearer(Persona persona) {
		return "Bearer " + issuer.token(persona).build();
	}

}
