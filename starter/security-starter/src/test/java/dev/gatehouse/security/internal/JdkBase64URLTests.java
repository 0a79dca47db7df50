package dev.gatehouse.security.internal;

import java.util.HexFormat;
import java.util.Random;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's Base64url decoding of a token's parts gives the bytes Nimbus's gives, for
 * every value either takes; what the JDK refuses is left to Nimbus.
 */
class JdkBase64URLTests {

	@Test
	void encodedBytesOfEveryLengthDecodeAsNimbusDecodesThem() {
		Random random = new Random(17);
		for (int length = 0; length < 300; length++) {
			byte[] bytes = new byte[length];
			random.nextBytes(bytes);
			String encoded = Base64URL.encode(bytes).toString();
			assertThat(JdkBase64URL.of(encoded).decode()).isEqualTo(bytes).isEqualTo(new Base64URL(encoded).decode());
			String padded = encoded + "=".repeat((4 - encoded.length() % 4) % 4);
			assertThat(JdkBase64URL.of(padded).decode()).isEqualTo(new Base64URL(padded).decode());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ab+/cd", "ab cd", "a", "ab=c", "ab.cd", "é", "abc===", "AB\nCD", "ab_-Cw" })
	void valuesTheJdkRefusesOrTakesDecodeAsNimbusDecodesThem(String value) {
		assertThat(outcome(JdkBase64URL.of(value))).isEqualTo(outcome(new Base64URL(value)));
	}

	/** The bytes, or the kind of failure. */
	private static Object outcome(Base64URL value) {
		try {
			return HexFormat.of().formatHex(value.decode());
		}
		catch (RuntimeException ex) {
			return ex.getClass();
		}
	}

	@Test
	void aParsedTokenKeepsItsHeaderClaimsSignatureAndSigningInput() throws Exception {
		try (TestIssuer issuer = TestIssuer.start()) {
			SignedJWT parsed = SignedJWT.parse(issuer.token(Persona.BOB).build());
			SignedJWT decoded = JdkBase64URL.parts(parsed);
			assertThat(decoded.getHeader().toJSONObject()).isEqualTo(parsed.getHeader().toJSONObject());
			assertThat(decoded.getJWTClaimsSet().toJSONObject()).isEqualTo(parsed.getJWTClaimsSet().toJSONObject());
			assertThat(decoded.getSignature().decode()).isEqualTo(parsed.getSignature().decode());
			assertThat(decoded.getSigningInput()).isEqualTo(parsed.getSigningInput());
			assertThat(decoded.getParsedString()).isEqualTo(parsed.getParsedString());
		}
	}

}
