package dev.gatehouse.gateway.ratelimit;

/**
 * Whose budget a request spends, as the single string Spring Cloud Gateway passes from
 * the key resolver to the rate limiter: the bucket (never empty), the client for
 * per-client overrides, the partner and plan for plan overrides and quotas.
 */
record RateLimitKey(String bucket, String client, String partner, String plan) {

	private static final String SEPARATOR = "|";

	static RateLimitKey jwt(String clientId, String subject) {
		return new RateLimitKey("jwt:" + clientId + ":" + subject, clientId, null, null);
	}

	static RateLimitKey partner(String partner, String plan) {
		return new RateLimitKey("partner:" + partner, partner, partner, plan);
	}

	static RateLimitKey user(String user) {
		return new RateLimitKey("user:" + user, null, null, null);
	}

	static RateLimitKey address(String address) {
		return new RateLimitKey("ip:" + address, null, null, null);
	}

	String encode() {
		return String.join(SEPARATOR, clean(this.bucket), clean(this.client), clean(this.partner), clean(this.plan));
	}

	static RateLimitKey decode(String value) {
		String[] parts = value.split("\\" + SEPARATOR, -1);
		if (parts.length != 4) {
			return new RateLimitKey(value, null, null, null);
		}
		return new RateLimitKey(parts[0], blankToNull(parts[1]), blankToNull(parts[2]), blankToNull(parts[3]));
	}

	// The separator cannot appear inside a part, whatever a token claim contains.
	private static String clean(String part) {
		return (part != null) ? part.replace(SEPARATOR, "_") : "";
	}

	private static String blankToNull(String part) {
		return part.isEmpty() ? null : part;
	}

}
