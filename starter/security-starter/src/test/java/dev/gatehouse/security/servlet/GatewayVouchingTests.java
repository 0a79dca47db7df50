package dev.gatehouse.security.servlet;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.DpopKey;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a service believes beyond the bearer token: a sender-constrained token only when
 * the gateway's own token vouches for its binding, a partner only when the gateway names
 * it, and neither from anyone else.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
class GatewayVouchingTests {

	static final TestIssuer issuer = TestIssuer.shared();

	static final Map<String, String> ACME_CERTIFICATE = Map.of("x5t#S256",
			"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2");

	@Autowired
	MockMvc mvc;

	static String gateway() {
		return "Bearer " + issuer.clientToken("gatehouse-gateway").build();
	}

	static String partnerToken() {
		return issuer.clientToken("acme-partner", "customer:read")
			.claim("partner", "acme")
			.claim("cnf", ACME_CERTIFICATE)
			.build();
	}

	@Test
	void boundTokenSentDirectlyIs401WithAnInvalidTokenChallengeThatSaysWhy() throws Exception {
		this.mvc.perform(get("/api/whoami").header("Authorization", "Bearer " + partnerToken()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Bearer error=\"invalid_token\"")))
			.andExpect(header().string("WWW-Authenticate", containsString("cannot verify that binding")))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:unverifiable-token-binding"))
			.andExpect(jsonPath("$.title").value("Token binding cannot be verified here"))
			.andExpect(jsonPath("$.detail", containsString("call the API through the gateway")));
	}

	/**
	 * A DPoP-bound token with a valid proof for this service's own URL: Spring Security's
	 * servlet DPoP support would accept it; the service refuses it as every bound token,
	 * with a problem.
	 */
	@Test
	void dpopBoundTokenWithAProofForThisServiceIs401WithAProblemThatSaysWhy() throws Exception {
		DpopKey key = DpopKey.generate();
		String token = issuer.clientToken("acme-dpop", "customer:read")
			.claim("partner", "acme")
			.claim("cnf", key.confirmation())
			.build();
		this.mvc
			.perform(get("/api/whoami").header("Authorization", "DPoP " + token)
				.header("DPoP", key.proof("GET", "http://localhost/api/whoami").accessToken(token).build()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("Content-Type", containsString("application/problem+json")))
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:unverifiable-token-binding"))
			.andExpect(jsonPath("$.detail", containsString("call the API through the gateway")));
		String unbound = issuer.token(Persona.DAVE).build();
		this.mvc
			.perform(get("/api/whoami").header("Authorization", "DPoP " + unbound)
				.header("DPoP", key.proof("GET", "http://localhost/api/whoami").accessToken(unbound).build()))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail", containsString("does not check DPoP proofs")));
	}

	@Test
	void boundTokenVouchedForByTheGatewaysTokenIsTheCallerWithItsOwnRoles() throws Exception {
		this.mvc
			.perform(get("/api/whoami").header("Authorization", gateway())
				.header(GatewayVouching.boundTokenHeader(), partnerToken()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.caller").value("service-account-acme-partner"))
			.andExpect(jsonPath("$.authorities", hasItems("customer:read", "partner:acme", "client:acme-partner")))
			.andExpect(jsonPath("$.authorities", not(hasItem("client:gatehouse-gateway"))));
	}

	@Test
	void vouchedTokenIsStillValidatedHere() throws Exception {
		String expired = issuer.token(Persona.DAVE)
			.claim("cnf", ACME_CERTIFICATE)
			.expiresAt(Instant.now().minusSeconds(120))
			.build();
		this.mvc
			.perform(get("/api/whoami").header("Authorization", gateway())
				.header(GatewayVouching.boundTokenHeader(), expired))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:expired-token"));
		String forged = issuer.token(Persona.DAVE).claim("cnf", ACME_CERTIFICATE).signedBy(TestIssuer.newKey()).build();
		this.mvc
			.perform(get("/api/whoami").header("Authorization", gateway())
				.header(GatewayVouching.boundTokenHeader(), forged))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:bad-signature"));
	}

	@Test
	void noOtherTokenCanVouchForABoundToken() throws Exception {
		String bob = "Bearer " + issuer.token(Persona.BOB).build();
		this.mvc
			.perform(get("/api/whoami").header("Authorization", bob)
				.header(GatewayVouching.boundTokenHeader(), partnerToken()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.caller").value("bob"))
			.andExpect(jsonPath("$.authorities", not(hasItem("partner:acme"))));
	}

	@Test
	void partnerNamedByTheGatewayBecomesAnAuthorityBesideTheGatewaysOwn() throws Exception {
		this.mvc
			.perform(get("/api/whoami").header("Authorization", gateway())
				.header(GatewayVouching.partnerHeader(), "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authorities", hasItems("client:gatehouse-gateway", "partner:acme")));
	}

	@Test
	void partnerHeaderBesideAnyOtherTokenIsIgnored() throws Exception {
		String dave = "Bearer " + issuer.token(Persona.DAVE).build();
		this.mvc
			.perform(get("/api/whoami").header("Authorization", dave).header(GatewayVouching.partnerHeader(), "acme"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authorities", not(hasItem("partner:acme"))));
	}

	@Test
	void partnerHeaderThatIsNoNameIsAGatewayFaultAnswered400() throws Exception {
		this.mvc
			.perform(get("/api/whoami").header("Authorization", gateway())
				.header(GatewayVouching.partnerHeader(), "acme corp"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:gatehouse:problem:validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value(GatewayVouching.partnerHeader()));
	}

	@Test
	void partnerClaimOfATokenIsThePartnerAuthority() throws Exception {
		String token = issuer.clientToken("globex-partner", "customer:read").claim("partner", "globex").build();
		this.mvc.perform(get("/api/whoami").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authorities", hasItem("partner:globex")));
	}

}
