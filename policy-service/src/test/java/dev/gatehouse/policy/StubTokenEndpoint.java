package dev.gatehouse.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.test.TestIssuer;

/**
 * Keycloak's token endpoint for the client-credentials grant, on a free loopback port:
 * answers with a real token signed by the test issuer for policy-service, and records
 * each request's client id (from HTTP Basic, as client_secret_basic sends it) and form
 * body.
 */
final class StubTokenEndpoint implements AutoCloseable {

	static final String PATH = "/realms/gatehouse/protocol/openid-connect/token";

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile String token;

	private volatile int failWith;

	private StubTokenEndpoint(TestIssuer issuer) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the token endpoint stub", ex);
		}
		this.server.createContext(PATH, (exchange) -> handle(exchange, issuer));
		this.server.start();
	}

	static StubTokenEndpoint start(TestIssuer issuer) {
		return new StubTokenEndpoint(issuer);
	}

	private void handle(HttpExchange exchange, TestIssuer issuer) throws IOException {
		String form;
		try (InputStream in = exchange.getRequestBody()) {
			form = URLDecoder.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
		}
		this.requests.add(new Request(exchange.getRequestMethod(), basicUser(exchange), form));
		if (this.failWith != 0) {
			respond(exchange, this.failWith,
					"{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}");
			return;
		}
		this.token = issuer.clientToken("policy-service", "customer:read").build();
		respond(exchange, 200,
				"{\"access_token\":\"" + this.token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
	}

	private static String basicUser(HttpExchange exchange) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Basic ")) {
			return null;
		}
		String credentials = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
		return URLDecoder.decode(credentials.substring(0, credentials.indexOf(':')), StandardCharsets.UTF_8);
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** The access token of the last successful answer. */
	String lastToken() {
		return this.token;
	}

	/** Answer every request with this status and an OAuth error (0: issue tokens). */
	void failWith(int status) {
		this.failWith = status;
	}

	void reset() {
		this.failWith = 0;
		this.requests.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One token request: its method, the client id it authenticated as, and its form
	 * body.
	 */
	record Request(String method, String clientId, String form) {
	}

}
