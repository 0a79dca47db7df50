package dev.gatehouse.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A backend stand-in on a free loopback port: answers every request with a small JSON
 * body and records what it received (method, path with query, headers) so tests can see
 * what the gateway forwarded. The query {@code stub=slow} makes it wait before answering,
 * {@code stub=broken} drop the connection without an answer, {@code stub=unavailable}
 * answer 503, {@code stub=cors} add the backend's own
 * {@code Access-Control-Allow-Origin}. Requests under {@code /v3/api-docs} are not
 * recorded (the gateway fetches API descriptions there): {@code /v3/api-docs/described}
 * answers the OpenAPI description in the test resource {@code apidocs/<name>.json}, any
 * other 404.
 */
public final class StubBackend implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	private final AtomicInteger descriptionRequests = new AtomicInteger();

	private volatile long slowMillis = 3000;

	private StubBackend(String name, HttpServer server) {
		this.name = name;
		this.server = server;
	}

	public static StubBackend start(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			StubBackend backend = new StubBackend(name, server);
			server.createContext("/", backend::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return backend;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<Received> received() {
		return new ArrayList<>(this.received);
	}

	public List<Received> received(String pathPrefix) {
		return this.received.stream().filter((request) -> request.path().startsWith(pathPrefix)).toList();
	}

	/** How many requests for an API description it has answered since it started. */
	public int descriptionRequests() {
		return this.descriptionRequests.get();
	}

	public void clear() {
		this.received.clear();
	}

	public void slowMillis(long millis) {
		this.slowMillis = millis;
	}

	private void handle(HttpExchange exchange) throws IOException {
		if (exchange.getRequestURI().getPath().startsWith("/v3/api-docs")) {
			describe(exchange);
			return;
		}
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), List.copyOf(values)));
		String path = exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
				? "?" + exchange.getRequestURI().getRawQuery() : "");
		byte[] requestBody = exchange.getRequestBody().readAllBytes();
		this.received.add(new Received(exchange.getRequestMethod(), path, headers, requestBody.length));
		String plainPath = exchange.getRequestURI().getPath();
		String behaviour = exchange.getRequestURI().getQuery();
		if ("stub=broken".equals(behaviour)) {
			exchange.close();
			return;
		}
		if ("stub=slow".equals(behaviour)) {
			try {
				Thread.sleep(this.slowMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if ("stub=cors".equals(behaviour)) {
			exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
		}
		byte[] body = ("{\"backend\":\"" + this.name + "\",\"method\":\"" + exchange.getRequestMethod()
				+ "\",\"path\":\"" + plainPath + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders("stub=unavailable".equals(behaviour) ? 503 : 200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void describe(HttpExchange exchange) throws IOException {
		this.descriptionRequests.incrementAndGet();
		exchange.getRequestBody().readAllBytes();
		try (InputStream description = StubBackend.class.getResourceAsStream("/apidocs/" + this.name + ".json")) {
			if (description == null || !exchange.getRequestURI().getPath().equals("/v3/api-docs/described")) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			byte[] body = description.readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One request as the backend saw it; header names in lower case. */
	public record Received(String method, String path, Map<String, List<String>> headers, int bodyLength) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values == null || values.isEmpty()) ? null : String.join(",", values);
		}

	}

}
