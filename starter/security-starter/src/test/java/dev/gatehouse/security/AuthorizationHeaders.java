package dev.gatehouse.security;

import java.util.Random;
import java.util.stream.Stream;

/**
 * Authorization headers for comparing the starter's bearer token parsing with Spring
 * Security's.
 */
public final class AuthorizationHeaders {

	private AuthorizationHeaders() {
	}

	/** Well-formed, malformed and foreign headers, each a case of Spring's pattern. */
	public static Stream<String> cases() {
		return Stream.of("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl", "bearer abc", "BEARER abc",
				"bEaReR a-b.c_d~e+f/g", "Bearer abc==", "Bearer abc=", "Bearer =", "Bearer ==abc", "Bearer abc=d",
				"Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer\tabc", "Bearer a b", "Bearer abc\n",
				"Bearer ab%63", "Bearerabc", "Basic Ym9iOnNlY3JldA==", "Token abc", "", "Bearer \u00e9",
				"Bearer abc\u0000", "Bearer a,b", "Bearer a:b");
	}

	/**
	 * Random headers from pieces of the grammar and its near misses; the same ones on
	 * every run.
	 */
	public static Stream<String> random() {
		String[] pieces = { "Bearer ", "bearer ", "Bearer", "B", "e", "a", "r", " ", "=", "==", "abc", "Z9", "-._~+/",
				"\t", "\n", "%", "\u00e9", "\u0130", "\u017f", "Basic " };
		Random random = new Random(6750);
		return Stream.generate(() -> {
			StringBuilder header = new StringBuilder();
			for (int n = 1 + random.nextInt(6); n > 0; n--) {
				header.append(pieces[random.nextInt(pieces.length)]);
			}
			return header.toString();
		}).limit(20_000);
	}

}
