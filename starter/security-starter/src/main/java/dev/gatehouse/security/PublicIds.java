package dev.gatehouse.security;

/**
 * Public object ids such as {@code C-1001}: a prefix and a number, with exactly one
 * spelling per object. {@code Long.valueOf} alone would also read {@code C-01001},
 * {@code C-+1001} and full-width digits ({@code C-１００１}) as 1001, so one record would
 * answer to many ids, which caches, audit trails and per-object rules keyed by the id do
 * not expect.
 */
public final class PublicIds {

	/**
	 * The number part: ASCII digits without a leading zero or sign, at most 18 (always a
	 * long).
	 */
	public static final String DIGITS = "[1-9][0-9]{0,17}";

	private PublicIds() {
	}

	/** The number of a canonical id with this prefix, or null for anything else. */
	public static Long number(String prefix, String id) {
		if (id == null || !id.startsWith(prefix)) {
			return null;
		}
		int length = id.length() - prefix.length();
		if (length < 1 || length > 18 || id.charAt(prefix.length()) == '0') {
			return null;
		}
		for (int i = prefix.length(); i < id.length(); i++) {
			char c = id.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
		}
		return Long.parseLong(id, prefix.length(), id.length(), 10);
	}

}
