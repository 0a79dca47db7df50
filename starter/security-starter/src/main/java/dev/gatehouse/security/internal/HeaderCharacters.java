package dev.gatehouse.security.internal;

/**
 * The characters Spring Security's strict firewalls allow in header names and values,
 * decided with a loop instead of their regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names, the same plus tab for values).
 * The firewall checks a header every time it is read, and a bearer token is a kilobyte of
 * header: on the gateway the expressions' character-class predicates were up to 9% of the
 * CPU per request (docs/performance.md). The answers are the same for every string;
 * {@code HeaderCharactersTests} compares both over every code point. Both firewalls,
 * reactive and servlet, use the same expressions and get these predicates from the
 * starter.
 */
public final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/**
	 * Spring Security's default for header names: assigned and not a control character.
	 */
	public static boolean allowedName(String name) {
		return allowed(name, false);
	}

	/** Spring Security's default for header values: as for names, and tab. */
	public static boolean allowedValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		if (text == null) {
			return true;
		}
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
