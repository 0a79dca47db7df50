package dev.gatehouse.launcher.token;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cookies of one login, kept by hand: Keycloak marks its cookies {@code Secure}, and
 * Java's {@code CookieManager} will not send those back over plain http://localhost.
 */
final class CookieJar {

	private final Map<String, String> cookies = new LinkedHashMap<>();

	void collect(HttpHeaders headers) {
		headers.allValues("set-cookie").forEach(this::collect);
	}

	void collect(String setCookie) {
		String[] parts = setCookie.split(";");
		int eq = parts[0].indexOf('=');
		if (eq <= 0) {
			return;
		}
		String name = parts[0].substring(0, eq).trim();
		String value = parts[0].substring(eq + 1).trim();
		if (isExpired(parts)) {
			cookies.remove(name);
		}
		else {
			cookies.put(name, value);
		}
	}

	private static boolean isExpired(String[] attributes) {
		for (int i = 1; i < attributes.length; i++) {
			String attribute = attributes[i].trim();
			if (attribute.regionMatches(true, 0, "Max-Age=", 0, 8)) {
				try {
					return Long.parseLong(attribute.substring(8).trim()) <= 0;
				}
				catch (NumberFormatException ex) {
					return false;
				}
			}
		}
		return false;
	}

	/** The value for a {@code Cookie} request header, if there is any cookie. */
	Optional<String> header() {
		if (cookies.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(cookies.entrySet()
			.stream()
			.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
			.collect(Collectors.joining("; ")));
	}

	Map<String, String> asMap() {
		return Map.copyOf(cookies);
	}

}
