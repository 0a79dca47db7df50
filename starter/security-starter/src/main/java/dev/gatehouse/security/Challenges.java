package dev.gatehouse.security;

/** Building blocks of {@code WWW-Authenticate} values (RFC 6750 section 3). */
public final class Challenges {

	private Challenges() {
	}

	/** RFC 6750 allows only %x20-21 / %x23-5B / %x5D-7E inside error_description. */
	public static String quotable(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			out.append((c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') ? c : '\'');
		}
		return out.toString();
	}

	public static String insufficientScope(String description) {
		return "Bearer error=\"insufficient_scope\", error_description=\"" + quotable(description) + "\"";
	}

}
