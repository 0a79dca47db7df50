package dev.gatehouse.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request from a chosen loopback source address (127.0.0.2, 127.0.0.3, ...),
 * which Java's HTTP client cannot do: the edge sees a client address different from its
 * own, and its per-address limit can be exhausted without touching the other tests'
 * budget.
 */
final class RawHttp {

	private RawHttp() {
	}

	record Response(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/**
	 * @param tls a client context for HTTPS, or {@code null} for plain HTTP
	 * @param headerLines extra header lines, each without line end
	 */
	static Response get(String sourceAddress, int port, SSLContext tls, String path, String... headerLines)
			throws IOException {
		try (Socket plain = new Socket()) {
			plain.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
			plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
			plain.setSoTimeout(30_000);
			Socket socket = plain;
			if (tls != null) {
				SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", port, true);
				secure.startHandshake();
				socket = secure;
			}
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
			for (String line : headerLines) {
				request.append(line).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			return parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
		}
	}

	private static Response parse(String raw) {
		int end = raw.indexOf("\r\n\r\n");
		String head = (end < 0) ? raw : raw.substring(0, end);
		String[] lines = head.split("\r\n");
		if (lines.length == 0 || !lines[0].startsWith("HTTP/")) {
			throw new AssertionError("not an HTTP response: " + raw);
		}
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		return new Response(status, headers, (end < 0) ? "" : raw.substring(end + 4));
	}

}
