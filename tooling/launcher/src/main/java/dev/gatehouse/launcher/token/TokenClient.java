package dev.gatehouse.launcher.token;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Obtains access tokens from one Keycloak realm the way real clients do: client
 * credentials for confidential clients, and the browser's Authorization Code + PKCE flow,
 * scripted, for users.
 */
public final class TokenClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String realmUrl;

	private final HttpClient http;

	/**
	 * @param realmUrl the realm's issuer, e.g.
	 * {@code http://localhost:8180/realms/gatehouse}
	 */
	public TokenClient(String realmUrl) {
		this.realmUrl = realmUrl.endsWith("/") ? realmUrl.substring(0, realmUrl.length() - 1) : realmUrl;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public String realmUrl() {
		return realmUrl;
	}

	public URI authorizationEndpoint() {
		return URI.create(realmUrl + "/protocol/openid-connect/auth");
	}

	public URI tokenEndpoint() {
		return URI.create(realmUrl + "/protocol/openid-connect/token");
	}

	/**
	 * Client credentials grant; the client authenticates with HTTP Basic (RFC 6749,
	 * section 2.3.1).
	 */
	public String clientCredentials(String clientId, String clientSecret) {
		HttpRequest request = form(tokenEndpoint(), Map.of("grant_type", "client_credentials"))
			.header("Authorization", basic(clientId, clientSecret))
			.build();
		return accessToken(send(request), "client credentials grant for '" + clientId + "'");
	}

	/**
	 * Authorization Code + PKCE (S256) as a browser would run it: open the authorization
	 * endpoint, post the login form with the session cookies, take the code from the
	 * redirect without following it, and exchange code and verifier at the token
	 * endpoint.
	 */
	public String authorizationCode(String clientId, URI redirectUri, String username, String password) {
		Pkce pkce = Pkce.generate();
		String state = Pkce.randomToken();
		Map<String, String> query = new LinkedHashMap<>();
		query.put("client_id", clientId);
		query.put("response_type", "code");
		query.put("scope", "openid");
		query.put("redirect_uri", redirectUri.toString());
		query.put("state", state);
		query.put("nonce", Pkce.randomToken());
		query.put("code_challenge", pkce.challenge());
		query.put("code_challenge_method", Pkce.METHOD);
		URI authorize = URI.create(authorizationEndpoint() + "?" + encode(query));
		CookieJar cookies = new CookieJar();

		HttpResponse<String> loginPage = send(HttpRequest.newBuilder(authorize).timeout(TIMEOUT).GET().build());
		cookies.collect(loginPage.headers());
		if (loginPage.statusCode() != 200) {
			throw new TokenException("Keycloak did not show a login page for client '" + clientId + "' (HTTP "
					+ loginPage.statusCode() + describeRedirect(loginPage) + ")");
		}
		URI action = LoginForm.action(loginPage.body(), authorize)
			.orElseThrow(
					() -> new TokenException("no login form found on Keycloak's page for client '" + clientId + "'"));

		HttpRequest.Builder login = form(action, Map.of("username", username, "password", password));
		cookies.header().ifPresent(header -> login.header("Cookie", header));
		HttpResponse<String> afterLogin = send(login.build());
		if (afterLogin.statusCode() != 302 && afterLogin.statusCode() != 303) {
			String reason = LoginForm.error(afterLogin.body())
				.orElse("Keycloak answered HTTP " + afterLogin.statusCode()
						+ " instead of redirecting; the user may have a required action pending");
			throw new TokenException("login of '" + username + "' failed: " + reason);
		}
		URI location = afterLogin.headers()
			.firstValue("location")
			.map(URI::create)
			.orElseThrow(() -> new TokenException(
					"Keycloak redirected without a Location header after the login of '" + username + "'"));
		Map<String, String> result = decodeQuery(location.getRawQuery());
		if (result.containsKey("error")) {
			throw new TokenException("authorization of '" + username + "' failed: " + result.get("error")
					+ (result.containsKey("error_description") ? " (" + result.get("error_description") + ")" : ""));
		}
		if (!state.equals(result.get("state")) || !result.containsKey("code")) {
			throw new TokenException(
					"Keycloak's redirect after the login of '" + username + "' lacks the code or the state sent");
		}

		Map<String, String> exchange = new LinkedHashMap<>();
		exchange.put("grant_type", "authorization_code");
		exchange.put("code", result.get("code"));
		exchange.put("redirect_uri", redirectUri.toString());
		exchange.put("client_id", clientId);
		exchange.put("code_verifier", pkce.verifier());
		return accessToken(send(form(tokenEndpoint(), exchange).build()), "code exchange for '" + username + "'");
	}

	/**
	 * Resource owner password grant. Only for Keycloak's own {@code admin-cli} client in
	 * the master realm (the admin REST API); no Gatehouse client allows this grant.
	 */
	public String resourceOwnerPassword(String clientId, String username, String password) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("grant_type", "password");
		params.put("client_id", clientId);
		params.put("username", username);
		params.put("password", password);
		return accessToken(send(form(tokenEndpoint(), params).build()), "password grant for '" + username + "'");
	}

	private HttpRequest.Builder form(URI uri, Map<String, String> params) {
		return HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(encode(params)));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new TokenException(
					"Keycloak is not reachable at " + realmUrl + " (is it running? ./gatehouse status)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TokenException("interrupted while talking to Keycloak", ex);
		}
	}

	private static String accessToken(HttpResponse<String> response, String what) {
		JsonNode body = parse(response.body());
		if (response.statusCode() == 200 && body.path("access_token").isString()) {
			return body.path("access_token").asString();
		}
		String error = body.path("error").asString("");
		String description = body.path("error_description").asString("");
		throw new TokenException("Keycloak refused the " + what + ": HTTP " + response.statusCode()
				+ (error.isEmpty() ? "" : " " + error) + (description.isEmpty() ? "" : " (" + description + ")"));
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return JSON.createObjectNode();
		}
	}

	private static String describeRedirect(HttpResponse<?> response) {
		return response.headers()
			.firstValue("location")
			.map(location -> decodeQuery(URI.create(location).getRawQuery()))
			.filter(query -> query.containsKey("error"))
			.map(query -> ", " + query.get("error") + " " + query.getOrDefault("error_description", ""))
			.orElse("")
			.stripTrailing();
	}

	private static String basic(String clientId, String clientSecret) {
		String credentials = urlEncode(clientId) + ":" + urlEncode(clientSecret);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(Map<String, String> params) {
		return params.entrySet()
			.stream()
			.map(param -> urlEncode(param.getKey()) + "=" + urlEncode(param.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Map<String, String> decodeQuery(String rawQuery) {
		Map<String, String> params = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String key = eq < 0 ? pair : pair.substring(0, eq);
			String value = eq < 0 ? "" : pair.substring(eq + 1);
			params.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return params;
	}

}
