package dev.gatehouse.security.internal;

import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop answers as Spring Security's regular expressions do, for every code point and
 * for mixed strings.
 */
class HeaderCharactersTests {

	@Test
	void everyCodePointIsJudgedAsSpringSecurityJudgesIt() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = new String(Character.toChars(codePoint));
			assertSame(text, StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES, HeaderCharacters::allowedName);
			assertSame(text, StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES, HeaderCharacters::allowedValue);
		}
	}

	@Test
	void mixedStringsAreJudgedAsSpringSecurityJudgesThem() {
		// Printable ASCII, tab, controls, unassigned, paired and lone surrogates, an
		// emoji.
		String[] pieces = { "a", "Z", " ", "~", "\t", "\n", "\r", "\u0000", "\u007f", "\u0085", "\u00e9", "\u0378",
				"\ud83d\ude00", "\ud83d", "\ude00", "\ufffe", "\u2028", "=" };
		Random random = new Random(8);
		for (int i = 0; i < 50_000; i++) {
			StringBuilder text = new StringBuilder();
			for (int n = random.nextInt(8); n > 0; n--) {
				text.append(pieces[random.nextInt(pieces.length)]);
			}
			assertSame(text.toString(), StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES,
					HeaderCharacters::allowedName);
			assertSame(text.toString(), StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES,
					HeaderCharacters::allowedValue);
		}
	}

	@Test
	void absentHeaderIsAllowedAsInSpringSecurity() {
		assertThat(HeaderCharacters.allowedName(null)).isTrue();
		assertThat(HeaderCharacters.allowedValue(null)).isTrue();
	}

	@Test
	void tabIsAllowedInValuesOnlyAndOtherControlsNowhere() {
		assertThat(HeaderCharacters.allowedValue("a\tb")).isTrue();
		assertThat(HeaderCharacters.allowedName("a\tb")).isFalse();
		assertThat(HeaderCharacters.allowedValue("a\u0085b")).isFalse();
		assertThat(HeaderCharacters.allowedValue("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
	}

	private static void assertSame(String text, Predicate<String> spring, Predicate<String> ours) {
		if (spring.test(text) != ours.test(text)) {
			throw new AssertionError("Differs from Spring Security for "
					+ text.codePoints().mapToObj((cp) -> String.format("U+%04X", cp)).toList() + ": Spring "
					+ spring.test(text));
		}
	}

}
