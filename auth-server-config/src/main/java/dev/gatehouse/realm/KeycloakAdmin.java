package dev.gatehouse.realm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak's admin REST API, JSON in and out, with an access token of the admin realm:
 * client credentials when a client secret is given (a service client such as the one
 * {@code KC_BOOTSTRAP_ADMIN_CLIENT_ID} creates), otherwise the password grant of an admin
 * user on {@code admin-cli} (the bootstrap admin of a local run).
 *
 * <p>
 * Plain HTTP and Jackson rather than {@code keycloak-admin-client}: its representation
 * classes are released apart from the server and drop fields they do not know, and the
 * realm files are applied exactly as written.
 */
public final class KeycloakAdmin {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final String url;

	private final AdminLogin login;

	private final HttpClient http;

	private String token;

	/**
	 * @param url Keycloak's base address, e.g. {@code http://keycloak:8080}
	 */
	public KeycloakAdmin(String url, AdminLogin login) {
		this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.login = login;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	}

	/**
	 * How to log in to the admin realm.
	 *
	 * @param realm the admin realm, usually {@code master}
	 * @param clientId the client; {@code admin-cli} for a user
	 * @param clientSecret the client's secret, for client credentials; blank for a user
	 */
	public record AdminLogin(String realm, String clientId, String clientSecret, String username, String password) {

		public static AdminLogin client(String realm, String clientId, String clientSecret) {
			return new AdminLogin(realm, clientId, clientSecret, null, null);
		}

		public static AdminLogin user(String realm, String username, String password) {
			return new AdminLogin(realm, "admin-cli", null, username, password);
		}

		boolean isClient() {
			return this.clientSecret != null && !this.clientSecret.isBlank();
		}

		@Override
		public String toString() {
			return "AdminLogin[realm=" + this.realm + ", clientId=" + this.clientId
					+ (isClient() ? "" : ", username=" + this.username) + "]";
		}

	}

	/** A path segment, encoded: role names hold {@code :}. */
	static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The resource, or empty when Keycloak answers 404. */
	Optional<JsonNode> find(String path) {
		HttpResponse<String> response = send("GET", path, null);
		if (response.statusCode() == 404) {
			return Optional.empty();
		}
		return Optional.of(body(response, "GET", path));
	}

	JsonNode get(String path) {
		return find(path).orElseThrow(() -> new KeycloakAdminException("GET " + path + " answered 404"));
	}

	/**
	 * A resource of the admin API, e.g. {@code /gatehouse/users?username=alice}, for
	 * callers that look rather than change (tests, tools).
	 */
	public JsonNode read(String path) {
		return get(path);
	}

	void post(String path, JsonNode body) {
		check(send("POST", path, body), "POST", path);
	}

	void put(String path, JsonNode body) {
		check(send("PUT", path, body), "PUT", path);
	}

	void delete(String path, JsonNode body) {
		check(send("DELETE", path, body), "DELETE", path);
	}

	private JsonNode body(HttpResponse<String> response, String method, String path) {
		check(response, method, path);
		return response.body().isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
	}

	private static void check(HttpResponse<String> response, String method, String path) {
		if (response.statusCode() / 100 != 2) {
			throw new KeycloakAdminException(
					method + " " + path + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
		}
	}

	private static String abbreviate(String text) {
		return text.length() > 500 ? text.substring(0, 500) + "..." : text;
	}

	/**
	 * Sends with the admin token; a 401 (token expired during a long apply) gets one new
	 * token and one retry.
	 */
	private HttpResponse<String> send(String method, String path, JsonNode body) {
		HttpResponse<String> response = exchange(method, path, body, token());
		if (response.statusCode() == 401) {
			this.token = null;
			response = exchange(method, path, body, token());
		}
		return response;
	}

	private HttpResponse<String> exchange(String method, String path, JsonNode body, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + "/admin/realms" + path))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + bearer)
			.header("Accept", "application/json");
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
		}
		return call(request.build());
	}

	private synchronized String token() {
		if (this.token == null) {
			this.token = requestToken();
		}
		return this.token;
	}

	private String requestToken() {
		String form;
		HttpRequest.Builder request = HttpRequest
			.newBuilder(
					URI.create(this.url + "/realms/" + segment(this.login.realm()) + "/protocol/openid-connect/token"))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (this.login.isClient()) {
			form = "grant_type=client_credentials";
			String basic = segment(this.login.clientId()) + ":" + segment(this.login.clientSecret());
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		else {
			form = "grant_type=password&client_id=" + segment(this.login.clientId()) + "&username="
					+ segment(this.login.username()) + "&password=" + segment(this.login.password());
		}
		HttpResponse<String> response = call(request.POST(HttpRequest.BodyPublishers.ofString(form)).build());
		if (response.statusCode() != 200) {
			// Keycloak's error body names the problem (invalid_client, invalid_grant) and
			// never echoes the secret.
			throw new KeycloakAdminException("could not log in to Keycloak's admin realm '" + this.login.realm()
					+ "' as " + this.login + ": " + response.statusCode() + " " + abbreviate(response.body()));
		}
		return MAPPER.readTree(response.body()).path("access_token").asString();
	}

	private HttpResponse<String> call(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new KeycloakAdminException("Keycloak at " + this.url + " did not answer " + request.method() + " "
					+ request.uri().getPath() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KeycloakAdminException("interrupted while calling Keycloak", ex);
		}
	}

}
