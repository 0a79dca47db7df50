package dev.gatehouse.launcher.token;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scripted flows against a small stand-in for Keycloak's endpoints, checking what a
 * real server checks.
 */
class TokenClientTests {

	private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

	private HttpServer server;

	private String realmUrl;

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	@BeforeEach
	void startFakeKeycloak() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		realmUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/gatehouse";
		server.createContext("/realms/gatehouse/protocol/openid-connect/auth", this::authorize);
		server.createContext("/realms/gatehouse/login-actions/authenticate", this::authenticate);
		server.createContext("/realms/gatehouse/protocol/openid-connect/token", this::token);
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void authorizationCodeFlowCarriesCookiesByHandAndProvesTheVerifier() {
		String token = new TokenClient(realmUrl).authorizationCode("gatehouse-web", REDIRECT, "alice", "alice-pass");

		assertThat(token).isEqualTo("user-token");
		assertThat(seen.get("login-cookie")).isEqualTo("AUTH_SESSION_ID=s1; KC_RESTART=r1");
		assertThat(seen.get("challenge-method")).isEqualTo("S256");
	}

	@Test
	void wrongPasswordReportsKeycloaksMessage() {
		TokenClient client = new TokenClient(realmUrl);

		assertThatThrownBy(() -> client.authorizationCode("gatehouse-web", REDIRECT, "alice", "wrong"))
			.isInstanceOf(TokenException.class)
			.hasMessage("login of 'alice' failed: Invalid username or password.")
			.hasMessageNotContaining("wrong");
	}

	@Test
	void clientCredentialsAuthenticateWithBasic() {
		String token = new TokenClient(realmUrl).clientCredentials("reporting-batch", "reporting-batch-secret");

		assertThat(token).isEqualTo("client-token");
	}

	@Test
	void refusedClientCredentialsNameTheClientButNotTheSecret() {
		TokenClient client = new TokenClient(realmUrl);

		assertThatThrownBy(() -> client.clientCredentials("reporting-batch", "guessed-secret"))
			.isInstanceOf(TokenException.class)
			.hasMessageContaining("'reporting-batch'")
			.hasMessageContaining("unauthorized_client")
			.hasMessageNotContaining("guessed-secret");
	}

	@Test
	void unreachableKeycloakSaysSo() {
		server.stop(0);

		assertThatThrownBy(() -> new TokenClient(realmUrl).clientCredentials("reporting-batch", "x"))
			.isInstanceOf(TokenException.class)
			.hasMessageContaining("not reachable");
	}

	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
		seen.put("challenge", query.get("code_challenge"));
		seen.put("challenge-method", query.get("code_challenge_method"));
		seen.put("state", query.get("state"));
		exchange.getResponseHeaders()
			.add("Set-Cookie", "AUTH_SESSION_ID=s1;Version=1;Path=/realms/gatehouse/;Secure;HttpOnly");
		exchange.getResponseHeaders()
			.add("Set-Cookie", "KC_RESTART=r1;Version=1;Path=/realms/gatehouse/;Secure;HttpOnly");
		String action = realmUrl + "/login-actions/authenticate?session_code=c&amp;tab_id=t";
		send(exchange, 200, "text/html",
				"<html><form id=\"kc-form-login\" action=\"" + action + "\" method=\"post\"></form></html>");
	}

	private void authenticate(HttpExchange exchange) throws IOException {
		Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String cookie = exchange.getRequestHeaders().getFirst("Cookie");
		seen.put("login-cookie", String.valueOf(cookie));
		boolean queryKept = "c".equals(parse(exchange.getRequestURI().getRawQuery()).get("session_code"));
		if (!queryKept || cookie == null || !cookie.contains("AUTH_SESSION_ID=s1")
				|| !"alice-pass".equals(form.get("password"))) {
			send(exchange, 200, "text/html",
					"<span class=\"pf-m-error kc-feedback-text\">Invalid username or password.</span>");
			return;
		}
		exchange.getResponseHeaders()
			.add("Location", REDIRECT + "?state=" + seen.get("state") + "&session_state=x&code=the-code");
		send(exchange, 302, "text/plain", "");
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		if ("client_credentials".equals(form.get("grant_type"))) {
			String expected = "Basic " + Base64.getEncoder()
				.encodeToString("reporting-batch:reporting-batch-secret".getBytes(StandardCharsets.UTF_8));
			if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				send(exchange, 200, "application/json",
						"{\"access_token\":\"client-token\",\"token_type\":\"Bearer\"}");
			}
			else {
				send(exchange, 401, "application/json",
						"{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
			}
			return;
		}
		boolean valid = "authorization_code".equals(form.get("grant_type")) && "the-code".equals(form.get("code"))
				&& REDIRECT.toString().equals(form.get("redirect_uri"))
				&& Pkce.of(form.get("code_verifier")).challenge().equals(seen.get("challenge"));
		if (valid) {
			send(exchange, 200, "application/json", "{\"access_token\":\"user-token\",\"token_type\":\"Bearer\"}");
		}
		else {
			send(exchange, 400, "application/json",
					"{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	private static Map<String, String> parse(String encoded) {
		Map<String, String> params = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return params;
		}
		for (String pair : encoded.split("&")) {
			int eq = pair.indexOf('=');
			params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return params;
	}

}
