package dev.gatehouse.policy;

import java.util.Map;
import java.util.function.Function;

import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

/**
 * Everyone who calls the service in the role matrix: the contract's users, its clients,
 * partner acme's certificate-bound token (directly, and as the gateway passes it on after
 * checking the certificate), and nobody.
 */
enum Callers {

	ALICE((issuer) -> issuer.token(Persona.ALICE).build()), FRANK((issuer) -> issuer.token(Persona.FRANK).build()),
	BOB((issuer) -> issuer.token(Persona.BOB).build()), CAROL((issuer) -> issuer.token(Persona.CAROL).build()),
	DAVE((issuer) -> issuer.token(Persona.DAVE).build()), EVE((issuer) -> issuer.token(Persona.EVE).build()),
	REPORTING_BATCH((issuer) -> issuer.clientToken("reporting-batch", "customer:read", "policy:read").build()),
	GATEWAY((issuer) -> issuer.clientToken("gatehouse-gateway").build()), ACME_PARTNER(Callers::acmePartner),
	ACME_PARTNER_VIA_GATEWAY(GATEWAY.token), NO_TOKEN((issuer) -> null);

	private final Function<TestIssuer, String> token;

	Callers(Function<TestIssuer, String> token) {
		this.token = token;
	}

	/** Adds this caller's credentials to a request. */
	void authorize(MockHttpServletRequestBuilder request, TestIssuer issuer) {
		String value = this.token.apply(issuer);
		if (value != null) {
			request.header("Authorization", "Bearer " + value);
		}
		if (this == ACME_PARTNER_VIA_GATEWAY) {
			request.header(GatewayVouching.boundTokenHeader(), acmePartner(issuer));
		}
	}

	/** As Keycloak issues it: policy:read, partner acme, bound to acme's certificate. */
	private static String acmePartner(TestIssuer issuer) {
		return issuer.clientToken("acme-partner", "policy:read")
			.claim("partner", "acme")
			.claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
			.build();
	}

}
