package dev.gatehouse.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 written byte by byte over a socket, for requests that client libraries would
 * normalize or refuse to send: dot segments, encoded slashes, odd {@code Connection}
 * headers.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * @param target the request target exactly as it goes on the wire
	 * @param headers {@code Name: value} lines; {@code Host} and
	 * {@code Connection: close} are added
	 */
	public static Response send(int port, String method, String target, String... headers) {
		StringBuilder request = new StringBuilder(
				method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
		boolean hasConnection = false;
		for (String header : headers) {
			request.append(header).append("\r\n");
			hasConnection |= header.toLowerCase(Locale.ROOT).startsWith("connection:");
		}
		if (!hasConnection) {
			request.append("Connection: close\r\n");
		}
		request.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return Response.parse(readResponse(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A kept-alive connection: requests go one after the other over the same socket. */
	public static final class KeepAlive implements AutoCloseable {

		private final Socket socket;

		private final int port;

		public KeepAlive(int port) {
			this.port = port;
			try {
				this.socket = new Socket();
				this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
				this.socket.setSoTimeout(5_000);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public Response send(String method, String target, String... headers) {
			StringBuilder request = new StringBuilder(
					method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("\r\n");
			try {
				this.socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
				return Response.parse(readResponse(this.socket.getInputStream()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/**
	 * Reads headers, then as much body as Content-Length says (or until the server
	 * closes).
	 */
	private static String readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			bytes.write(b);
			String text = bytes.toString(StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (end >= 0) {
				int length = contentLength(text.substring(0, end));
				if (length >= 0) {
					byte[] body = in.readNBytes(length);
					bytes.write(body);
					return bytes.toString(StandardCharsets.UTF_8);
				}
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static int contentLength(String head) {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring(15).trim());
			}
		}
		return -1;
	}

	public record Response(int status, List<String> headerLines, String body) {

		static Response parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String head = (end >= 0) ? raw.substring(0, end) : raw;
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
			return new Response(status, headers, (end >= 0) ? raw.substring(end + 4) : "");
		}

		public String header(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return this.headerLines.stream()
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map((line) -> line.substring(prefix.length()).trim())
				.findFirst()
				.orElse(null);
		}

	}

}
