package dev.gatehouse.gateway.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import dev.gatehouse.gateway.network.PublicOrigin;

/**
 * The HTTP URI a DPoP proof's {@code htu} is compared with (RFC 9449 section 4.3):
 * without query and fragment, after RFC 3986 syntax- and scheme-based normalization (case
 * of scheme and host, default port, empty path, dot segments, percent-encoding of
 * unreserved characters and its hex case), so that
 * {@code HTTPS://Api.Example.com:443/a/./b} and {@code https://api.example.com/a/b}
 * match. Spring Security's and Nimbus's DPoP checks compare the strings as they are.
 */
final class TargetUris {

	private TargetUris() {
	}

	/**
	 * The request's target URI: the origin the client addressed and the path as it
	 * arrived.
	 */
	static String of(String origin, String rawPath) {
		String normalized = normalize(origin + ((rawPath == null || rawPath.isEmpty()) ? "/" : rawPath));
		return (normalized != null) ? normalized : origin + "/";
	}

	/** The normalized form of an absolute http(s) URI, or null when it is none. */
	static String normalize(String uri) {
		if (uri == null) {
			return null;
		}
		try {
			URI parsed = new URI(uri);
			String scheme = parsed.getScheme();
			if (scheme == null || parsed.getHost() == null
					|| !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
				return null;
			}
			String path = parsed.getRawPath();
			path = (path == null || path.isEmpty()) ? "/" : removeDotSegments(percentEncoding(path));
			return PublicOrigin.origin(scheme, parsed.getHost(), parsed.getPort()) + path;
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Decodes percent-encoded unreserved characters and upper-cases the hex digits of the
	 * others.
	 */
	private static String percentEncoding(String path) {
		StringBuilder out = new StringBuilder(path.length());
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
				int value = Integer.parseInt(path.substring(i + 1, i + 3), 16);
				if (isUnreserved((char) value)) {
					out.append((char) value);
				}
				else {
					out.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
				}
				i += 2;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** RFC 3986 section 5.2.4, for an absolute path. */
	private static String removeDotSegments(String path) {
		Deque<String> output = new ArrayDeque<>();
		String[] segments = path.substring(1).split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			boolean last = i == segments.length - 1;
			if (segment.equals(".")) {
				if (last) {
					output.addLast("");
				}
			}
			else if (segment.equals("..")) {
				output.pollLast();
				if (last) {
					output.addLast("");
				}
			}
			else {
				output.addLast(segment);
			}
		}
		return "/" + String.join("/", output);
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
