package dev.gatehouse.customer;

import java.util.Map;
import java.util.function.Function;

import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

/**
 * Everyone who calls the API in the role matrix: the contract's users, its clients, a
 * partner system, and nobody.
 */
enum Callers {

	ALICE((issuer) -> issuer.token(Persona.ALICE).build()), FRANK((issuer) -> issuer.token(Persona.FRANK).build()),
	BOB((issuer) -> issuer.token(Persona.BOB).build()), CAROL((issuer) -> issuer.token(Persona.CAROL).build()),
	DAVE((issuer) -> issuer.token(Persona.DAVE).build()), EVE((issuer) -> issuer.token(Persona.EVE).build()),
	REPORTING_BATCH((issuer) -> issuer.clientToken("reporting-batch", "customer:read", "policy:read").build()),
	POLICY_SERVICE((issuer) -> issuer.clientToken("policy-service", "customer:read").build()),
	/**
	 * Partner acme's certificate-bound token as Keycloak issues it, sent directly:
	 * refused here.
	 */
	ACME_PARTNER((issuer) -> issuer.clientToken("acme-partner", "policy:read")
		.claim("partner", "acme")
		.claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
		.build()),
	NO_TOKEN((issuer) -> null);

	private final Function<TestIssuer, String> token;

	Callers(Function<TestIssuer, String> token) {
		this.token = token;
	}

	String token(TestIssuer issuer) {
		return this.token.apply(issuer);
	}

}
