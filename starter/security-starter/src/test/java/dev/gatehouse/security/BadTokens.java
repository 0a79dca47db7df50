package dev.gatehouse.security;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every way a bearer token can be wrong, with the problem type and a phrase of the detail
 * the caller must see. Shared by the servlet and reactive tests so both stacks are held
 * to one table.
 */
public final class BadTokens {

	private BadTokens() {
	}

	public static Stream<Arguments> all() {
		Instant now = Instant.now();
		return Stream.of(
				bad("expired", (i) -> i.token(Persona.BOB).expiresAt(now.minusSeconds(120)).build(), "expired-token",
						"expired at"),
				bad("not yet valid", (i) -> i.token(Persona.BOB).notBefore(now.plusSeconds(600)).build(),
						"token-not-yet-valid", "not valid before"),
				bad("missing exp", (i) -> i.token(Persona.BOB).expiresAt(null).build(), "missing-expiry",
						"no exp claim"),
				bad("wrong issuer", (i) -> i.token(Persona.BOB).issuer("http://localhost:9999/realms/other").build(),
						"wrong-issuer", "issued by another issuer"),
				bad("wrong audience", (i) -> i.token(Persona.BOB).audience("account").build(), "wrong-audience",
						"does not include gatehouse-api"),
				bad("from another realm, signed with its key",
						(i) -> i.token(Persona.BOB)
							.issuer("http://localhost:9999/realms/other")
							.signedBy(TestIssuer.newKey())
							.build(),
						"wrong-issuer", "issued by another issuer"),
				bad("signed by another key", (i) -> i.token(Persona.BOB).signedBy(TestIssuer.newKey()).build(),
						"bad-signature", "signature does not match"),
				bad("alg none", (i) -> i.token(Persona.BOB).buildUnsigned(), "unsupported-algorithm", "'none'"),
				bad("HS256 signed with the public key", (i) -> i.token(Persona.BOB).buildHmacWithPublicKey(),
						"unsupported-algorithm", "'HS256'"),
				bad("tampered payload", (i) -> i.token(Persona.BOB).buildTampered(), "bad-signature",
						"signature does not match"),
				bad("not a JWT", (i) -> "not-a-jwt", "malformed-token", "not a well-formed"),
				// Sender-constrained tokens: nothing here sees the client's certificate
				// or DPoP proof.
				bad("bound to a client certificate (cnf x5t#S256)",
						(i) -> i.token(Persona.BOB)
							.claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
							.build(),
						"unverifiable-token-binding", "bound to a client certificate, RFC 8705"),
				bad("bound to a DPoP key (cnf jkt)",
						(i) -> i.token(Persona.BOB)
							.claim("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"))
							.build(),
						"unverifiable-token-binding", "bound to a DPoP key, RFC 9449"),
				bad("with a confirmation claim of an unknown shape",
						(i) -> i.token(Persona.BOB).claim("cnf", "x").build(), "unverifiable-token-binding",
						"call the API through the gateway"));
	}

	private static Arguments bad(String name, Function<TestIssuer, String> token, String problem, String detail) {
		return arguments(name, token, problem, detail);
	}

}
