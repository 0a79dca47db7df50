package dev.gatehouse.security.servlet;

import java.time.Instant;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every way a bearer token can be wrong, signed with real RSA keys and checked against a
 * real JWKS endpoint: each is 401 with the RFC 6750 challenge and a problem body that
 * names the cause.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
class TokenRejectionTests {

	static final TestIssuer issuer = TestIssuer.shared();

	@Autowired
	MockMvc mvc;

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.gatehouse.security.BadTokens#all")
	void badTokenIsRejectedWith401InvalidTokenChallengeAndNamedCause(String name, Function<TestIssuer, String> token,
			String problem, String detail) throws Exception {
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + token.apply(issuer)))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer error=\"invalid_token\"")))
			.andExpect(header().string("WWW-Authenticate", containsString("error_description=\"")))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:" + problem))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.detail", containsString(detail)))
			.andExpect(jsonPath("$.traceId", matchesPattern("[0-9a-f]{32}")));
	}

	@Test
	void missingTokenIsRejectedWith401AndBareBearerChallenge() throws Exception {
		this.mvc.perform(get("/api/things"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:missing-token"))
			.andExpect(jsonPath("$.detail", containsString("Authorization: Bearer")));
	}

	@Test
	void validKeycloakShapedTokenIsAcceptedWithRolesFromRealmAccess() throws Exception {
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + issuer.token(Persona.DAVE).build()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.caller").value("dave"))
			.andExpect(jsonPath("$.authorities", hasItems("auditor", "customer:read", "policy:read")));
	}

	@Test
	void tokenWithoutThePrincipalClaimIsNamedBySubjectNotNull() throws Exception {
		String token = issuer.clientToken("no-profile-scope", "customer:read")
			.claim("preferred_username", null)
			.build();
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.caller").value(matchesPattern("[0-9a-f-]{36}")));
	}

	@Test
	void tokenWithinClockSkewAfterExpiryIsStillAccepted() throws Exception {
		String token = issuer.token(Persona.BOB).expiresAt(Instant.now().minusSeconds(5)).build();
		this.mvc.perform(get("/api/things").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
	}

}
