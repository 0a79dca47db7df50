package dev.gatehouse.security.internal;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** W3C trace ids for error bodies when no tracer has a current span. */
public final class TraceIdentifiers {

	private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

	private TraceIdentifiers() {
	}

	/**
	 * The trace id of a {@code traceparent} header, or a new random one when it is absent
	 * or malformed.
	 */
	public static String fromTraceparentOrNew(String traceparent) {
		Matcher match = (traceparent != null) ? TRACEPARENT.matcher(traceparent) : null;
		if (match != null && match.matches()) {
			return match.group(1);
		}
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
