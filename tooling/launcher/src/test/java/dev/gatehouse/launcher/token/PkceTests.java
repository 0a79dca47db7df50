package dev.gatehouse.launcher.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTests {

	@Test
	void challengeMatchesTheRfc7636AppendixBExample() {
		Pkce pkce = Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

		assertThat(pkce.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
	}

	@Test
	void generatedVerifiersAreUnreservedCharactersOfValidLengthAndFresh() {
		Pkce first = Pkce.generate();
		Pkce second = Pkce.generate();

		assertThat(first.verifier()).matches("[A-Za-z0-9._~-]{43,128}");
		assertThat(first.challenge()).isEqualTo(Pkce.of(first.verifier()).challenge());
		assertThat(second.verifier()).isNotEqualTo(first.verifier());
	}

	@Test
	void toStringDoesNotRevealTheVerifier() {
		Pkce pkce = Pkce.generate();

		assertThat(pkce.toString()).doesNotContain(pkce.verifier());
	}

}
