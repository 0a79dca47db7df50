package dev.gatehouse.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * customer-service as policy-service sees it: {@code GET /api/customers/{id}} for the
 * demo customers, answered in customer-service's full shape, on a free loopback port.
 * Records the Authorization header of every call, and can be told to fail, to be slow, or
 * be stopped and started again.
 */
final class StubCustomerService implements AutoCloseable {

	/**
	 * customer-service's demo data: alice owns C-1001, frank C-1002, the others have no
	 * login.
	 */
	private static final Map<String, String> OWNERS = Map.of("C-1001", "\"alice\"", "C-1002", "\"frank\"", "C-1003",
			"null", "C-1004", "null");

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final int port;

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile HttpServer server;

	private volatile int failWith;

	private volatile Duration delay = Duration.ZERO;

	private StubCustomerService() {
		this.server = bind(0);
		this.port = this.server.getAddress().getPort();
	}

	static StubCustomerService start() {
		return new StubCustomerService();
	}

	private HttpServer bind(int port) {
		try {
			HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			created.createContext("/api/customers/", this::handle);
			created.setExecutor(this.executor);
			created.start();
			return created;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the customer-service stub", ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		String id = exchange.getRequestURI().getPath().substring("/api/customers/".length());
		if (this.failWith != 0) {
			respond(exchange, this.failWith, "{\"status\":" + this.failWith + "}");
		}
		else if (OWNERS.containsKey(id)) {
			respond(exchange, 200, "{\"id\":\"" + id + "\",\"owner\":" + OWNERS.get(id)
					+ ",\"name\":\"Demo Customer\",\"email\":\"demo@example.com\",\"status\":\"ACTIVE\",\"createdAt\":\"2026-01-05T09:00:00Z\"}");
		}
		else {
			respond(exchange, 404, "{\"status\":404}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (status == 200) ? "application/json" : "application/problem+json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The Authorization header of each call so far, in order ("null" when none was sent).
	 */
	List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	/** Answer every call with this status (0: answer normally). */
	void failWith(int status) {
		this.failWith = status;
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	/** Back to answering normally, with no calls recorded. */
	void reset() {
		this.failWith = 0;
		this.delay = Duration.ZERO;
		this.authorizations.clear();
	}

	/** Closes the port, so calls are refused as when customer-service is down. */
	void stop() {
		this.server.stop(0);
	}

	/** Listens again on the same port. */
	void restart() {
		this.server = bind(this.port);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
