package dev.gatehouse.security.internal;

/**
 * The well-formed case of Spring Security's bearer token parsing, without its regular
 * expression. Spring matches {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}
 * (case-insensitive) over the whole kilobyte token, through character-class predicates
 * the JIT cannot inline once other patterns share them; on the gateway that was up to 20%
 * of the CPU per request (docs/performance.md). The starter's resolvers take a token this
 * accepts directly and hand everything else to Spring's own, so errors are Spring's; the
 * tests compare both on fixed and random headers.
 */
public final class BearerTokens {

	private static final String PREFIX = "Bearer ";

	private BearerTokens() {
	}

	/**
	 * The token of {@code Bearer <token>} (scheme in any case, one space, then
	 * {@code [a-zA-Z0-9-._~+/]+=*} to the end), or null for anything else.
	 */
	public static String wellFormed(String authorization) {
		if (authorization == null || authorization.length() <= PREFIX.length()
				|| !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		int end = authorization.length();
		int i = PREFIX.length();
		while (i < end && isToken68Character(authorization.charAt(i))) {
			i++;
		}
		if (i == PREFIX.length()) {
			return null;
		}
		while (i < end && authorization.charAt(i) == '=') {
			i++;
		}
		return (i == end) ? authorization.substring(PREFIX.length()) : null;
	}

	private static boolean isToken68Character(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
