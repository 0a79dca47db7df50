package dev.gatehouse.security.servlet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a caller sees for the errors the starter owns: 403, 400, 413, 500, and what gets
 * logged.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	MockMvc mvc;

	@Test
	void validTokenWithoutTheRouteRoleIsRejectedWith403InsufficientScopeNamingTheRole() throws Exception {
		this.mvc
			.perform(post("/api/things").header("Authorization", bearer(Persona.DAVE))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\"}"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer error=\"insufficient_scope\"")))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:insufficient-scope"))
			.andExpect(jsonPath("$.detail", containsString("POST /api/things needs one of the roles [customer:write]")))
			.andExpect(jsonPath("$.detail", containsString("auditor")));
	}

	@Test
	void tokenWithNoRolesGets403OnEveryRoute() throws Exception {
		this.mvc.perform(get("/api/things").header("Authorization", bearer(Persona.EVE)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:insufficient-scope"));
	}

	@Test
	void pathThatNoRuleNamesIsRefusedEvenWithAValidToken() throws Exception {
		this.mvc.perform(get("/api/unlisted").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail", containsString("no rule grants it")));
	}

	@Test
	void deniedRequestIsAuditedWithReasonAndRouteButNeverTheToken(CapturedOutput output) throws Exception {
		String expired = issuer.token(Persona.BOB).expiresAt(java.time.Instant.now().minusSeconds(300)).build();
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + expired))
			.andExpect(status().isUnauthorized());
		String forbidden = issuer.token(Persona.EVE).build();
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + forbidden))
			.andExpect(status().isForbidden());
		assertThat(output.getAll()).contains("access denied: GET /api/things -> 401 expired-token for anonymous")
			.contains("access denied: GET /api/things -> 403 insufficient-scope for eve")
			.doesNotContain(expired)
			.doesNotContain(forbidden)
			.doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
	}

	@Test
	void invalidFieldsAreRejectedWith400NamingEachField() throws Exception {
		this.mvc
			.perform(post("/api/things").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.traceId").isNotEmpty());
	}

	@Test
	void malformedJsonIsRejectedWith400() throws Exception {
		this.mvc
			.perform(post("/api/things").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"));
	}

	@Test
	void controlCharacterInTheAuthorizationHeaderIsRefusedByTheFirewallWith400Problem() throws Exception {
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer abc\u0085def"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"));
	}

	@Test
	void requestTheFirewallRefusesIsA400ProblemNotA500() throws Exception {
		this.mvc.perform(get("/api/things;jsessionid=x").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:malformed-request"));
	}

	@Test
	void oversizedBodyIsRejectedWith413() throws Exception {
		this.mvc
			.perform(post("/api/things").header("Authorization", bearer(Persona.BOB))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + "x".repeat(2048) + "\"}"))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:payload-too-large"));
	}

	@Test
	void losingAnUpdateRaceIsA409TellingToReadAgain() throws Exception {
		this.mvc.perform(post("/api/things/race").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:conflict"))
			.andExpect(jsonPath("$.detail", containsString("read it again")))
			.andExpect(jsonPath("$.traceId").isNotEmpty());
	}

	@Test
	void unexpectedFailureIsA500WithoutStackTraceOrInternalHostNames() throws Exception {
		this.mvc.perform(get("/api/boom").header("Authorization", bearer(Persona.BOB)))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:internal-error"))
			.andExpect(content().string(not(containsString("db.internal"))))
			.andExpect(content().string(not(containsString("Exception"))))
			.andExpect(content().string(not(containsString("jdbc"))));
	}

	private static String bearer(Persona persona) {
		return "Bearer " + issuer.token(persona).build();
	}

}
