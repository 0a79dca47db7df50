package dev.gatehouse.gateway.network;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The scheme, host and port a client addressed, e.g.
 * {@code https://api.example.com:8443}: what a DPoP proof's {@code htu} names (RFC 9449).
 * Behind a trusted proxy (the edge, an ingress) the client addressed the proxy, which
 * says so in {@code X-Forwarded-Proto}, {@code X-Forwarded-Host},
 * {@code X-Forwarded-Port} or RFC 7239 {@code Forwarded} (proto, host); the value the
 * proxy itself wrote or passed on is the last one of a list. From anyone else those
 * headers prove nothing and the listener's scheme and the request's {@code Host} are
 * taken. Lower case, without the scheme's default port.
 */
public final class PublicOrigin {

	private PublicOrigin() {
	}

	/**
	 * @param request the request as it arrived, forwarding headers included
	 * @param fromTrustedProxy whether its peer is a trusted proxy
	 * @param overTls whether it arrived on the TLS listener
	 */
	public static String of(ServerHttpRequest request, boolean fromTrustedProxy, boolean overTls) {
		String scheme = overTls ? "https" : "http";
		URI uri = request.getURI();
		String host = uri.getHost();
		int port = uri.getPort();
		if (fromTrustedProxy) {
			HttpHeaders headers = request.getHeaders();
			String proto = last(headers.get("X-Forwarded-Proto"));
			String forwardedHost = last(headers.get("X-Forwarded-Host"));
			String forwardedPort = last(headers.get("X-Forwarded-Port"));
			if (proto == null && forwardedHost == null) {
				String[] forwarded = lastForwarded(headers.get("Forwarded"));
				proto = forwarded[0];
				forwardedHost = forwarded[1];
			}
			if (proto != null && (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
				scheme = proto.toLowerCase(Locale.ROOT);
			}
			if (forwardedHost != null) {
				URI authority = authority(forwardedHost);
				if (authority != null) {
					host = authority.getHost();
					port = authority.getPort();
				}
			}
			if (forwardedPort != null && forwardedPort.matches("[0-9]{1,5}")) {
				port = Integer.parseInt(forwardedPort);
			}
		}
		return origin(scheme, host, port);
	}

	/**
	 * {@code scheme://host[:port]}, lower case, the port left out when it is the scheme's
	 * default.
	 */
	public static String origin(String scheme, String host, int port) {
		String lowerScheme = scheme.toLowerCase(Locale.ROOT);
		String lowerHost = (host != null) ? host.toLowerCase(Locale.ROOT) : "";
		boolean defaultPort = port < 0 || (lowerScheme.equals("http") && port == 80)
				|| (lowerScheme.equals("https") && port == 443);
		return lowerScheme + "://" + lowerHost + (defaultPort ? "" : ":" + port);
	}

	private static URI authority(String hostAndPort) {
		try {
			URI parsed = URI.create("http://" + hostAndPort.trim() + "/");
			return (parsed.getHost() != null) ? parsed : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The last value of a comma-separated header, or null. */
	private static String last(List<String> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		String[] parts = values.get(values.size() - 1).split(",");
		String value = parts[parts.length - 1].trim();
		return value.isEmpty() ? null : value;
	}

	/**
	 * {@code proto} and {@code host} of the last element of {@code Forwarded}; nulls when
	 * absent.
	 */
	private static String[] lastForwarded(List<String> values) {
		String[] result = new String[2];
		String element = last(values);
		if (element == null) {
			return result;
		}
		for (String pair : element.split(";")) {
			String[] parts = pair.trim().split("=", 2);
			if (parts.length == 2) {
				String value = parts[1].trim();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
					case "proto" -> result[0] = value;
					case "host" -> result[1] = value;
					default -> {
					}
				}
			}
		}
		return result;
	}

}
