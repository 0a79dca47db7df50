package dev.gatehouse.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.test.TestIssuer;

/**
 * Keycloak's token endpoint for the gateway's client-credentials grant, at Keycloak's
 * path: checks the client's id and secret (HTTP Basic) and answers with a real token of
 * the test issuer ({@code azp: gatehouse-gateway}).
 */
public final class StubTokenEndpoint implements AutoCloseable {

	public static final String CLIENT_ID = "gatehouse-gateway";

	public static final String SECRET = "test-gateway-secret";

	private final HttpServer server;

	private final AtomicInteger issued = new AtomicInteger();

	private volatile String lastToken;

	private StubTokenEndpoint(HttpServer server) {
		this.server = server;
	}

	public static StubTokenEndpoint start(TestIssuer issuer) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			StubTokenEndpoint endpoint = new StubTokenEndpoint(server);
			String expected = "Basic "
					+ Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
			server.createContext("/realms/gatehouse/protocol/openid-connect/token", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				boolean authorized = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
						&& body.contains("grant_type=client_credentials");
				String answer;
				int status;
				if (authorized) {
					String token = issuer.clientToken(CLIENT_ID).claim("client_id", CLIENT_ID).build();
					endpoint.lastToken = token;
					endpoint.issued.incrementAndGet();
					answer = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
					status = 200;
				}
				else {
					answer = "{\"error\":\"unauthorized_client\"}";
					status = 401;
				}
				byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			});
			server.start();
			return endpoint;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String tokenUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort()
				+ "/realms/gatehouse/protocol/openid-connect/token";
	}

	/** How many tokens were handed out, to show the gateway reuses one. */
	public int issued() {
		return this.issued.get();
	}

	public String lastToken() {
		return this.lastToken;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
