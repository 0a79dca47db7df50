package dev.gatehouse.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PublicIdsTests {

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "C-01001", "C-+1001", "C-１００１", "C-١٠٠١", " C-1001", "C-1001 ", "c-1001", "C1001", "C-",
			"C-1001.0", "C-1_001", "C-0", "C--1001", "C-1234567890123456789", "P-1001" })
	void otherSpellingsOfAnIdAreNoId(String id) {
		assertThat(PublicIds.number("C-", id)).isNull();
		assertThat(id.matches("C-" + PublicIds.DIGITS)).isFalse();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "C-1", "C-1001", "C-100", "C-999999999999999999" })
	void canonicalIdHasItsNumber(String id) {
		assertThat(PublicIds.number("C-", id)).isEqualTo(Long.parseLong(id.substring(2)));
		assertThat(id.matches("C-" + PublicIds.DIGITS)).isTrue();
	}

}
