package dev.gatehouse.policy;

import java.util.function.Function;

import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

/** Everyone who calls the service in the role matrix: the contract's users, its clients, and nobody. */
enum Callers {

	ALICE((issuer) -> issuer.token(Persona.ALICE).build()),
	FRANK((issuer) -> issuer.token(Persona.FRANK).build()),
	BOB((issuer) -> issuer.token(Persona.BOB).build()),
	CAROL((issuer) -> issuer.token(Persona.CAROL).build()),
	DAVE((issuer) -> issuer.token(Persona.DAVE).build()),
	EVE((issuer) -> issuer.token(Persona.EVE).build()),
	REPORTING_BATCH((issuer) -> issuer.clientToken("reporting-batch", "customer:read", "policy:read").build()),
	GATEWAY((issuer) -> issuer.clientToken("gatehouse-gateway").build()),
	NO_TOKEN((issuer) -> null);

	private final Function<TestIssuer, String> token;

	Callers(Function<TestIssuer, String> token) {
		this.token = token;
	}

	String token(TestIssuer issuer) {
		return this.token.apply(issuer);
	}

}
