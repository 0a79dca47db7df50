package dev.gatehouse.bench.tools;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.launcher.token.TokenClient;

/**
 * BENCHMARK ONLY: confidential clients that exist only in the running copy of the realm
 * that bench/run starts for its tokens (created through Keycloak's admin REST API, gone
 * when that Keycloak stops; the realm files are not touched), for tokens the demo clients
 * cannot give: many roles (the token sweep), a wrong audience and an expired token (the
 * refusal checks). Every token is a real Keycloak token signed with the realm's key.
 */
final class BenchClients {

	private static final String ROLE_PREFIX = "bench-role-";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json;

	private final String realmAdminUrl;

	private final Supplier<String> adminToken;

	private String cachedAdminToken;

	private long adminTokenTakenAt;

	private final TokenClient tokens;

	private int rolesCreated;

	/**
	 * @param adminToken a fresh admin token each call (they live a minute; adding 200
	 * roles can take longer)
	 */
	BenchClients(JsonMapper json, String keycloakUrl, Supplier<String> adminToken, TokenClient tokens) {
		this.json = json;
		this.realmAdminUrl = keycloakUrl + "/admin/realms/gatehouse";
		this.adminToken = adminToken;
		this.tokens = tokens;
	}

	/**
	 * A client like {@code reporting-batch} (same default client scopes, so the same
	 * audience) whose tokens carry every role of its service account
	 * ({@code fullScopeAllowed}), with the given realm roles. Returns its secret.
	 * @param attributes client attributes, e.g. a token lifespan of its own
	 * @param audience a custom audience mapper instead of the {@code gatehouse-api}
	 * scope, or null
	 */
	String createClient(String clientId, List<String> roles, Map<String, String> attributes, String audience)
			throws IOException, InterruptedException {
		JsonNode template = get("/clients?clientId=reporting-batch").get(0);
		String secret = UUID.randomUUID().toString();
		ObjectNode client = this.json.createObjectNode();
		client.put("clientId", clientId);
		client.put("description", "BENCHMARK ONLY: created by bench/run in its own Keycloak, never in a realm file");
		client.put("protocol", "openid-connect");
		client.put("publicClient", false);
		client.put("standardFlowEnabled", false);
		client.put("directAccessGrantsEnabled", false);
		client.put("serviceAccountsEnabled", true);
		client.put("fullScopeAllowed", true);
		client.put("clientAuthenticatorType", "client-secret");
		client.put("secret", secret);
		ArrayNode scopes = client.putArray("defaultClientScopes");
		for (JsonNode scope : template.path("defaultClientScopes")) {
			if (audience == null || !scope.asText().equals("gatehouse-api")) {
				scopes.add(scope.asText());
			}
		}
		ObjectNode clientAttributes = client.putObject("attributes");
		attributes.forEach(clientAttributes::put);
		if (audience != null) {
			ObjectNode mapper = client.putArray("protocolMappers").addObject();
			mapper.put("name", "audience");
			mapper.put("protocol", "openid-connect");
			mapper.put("protocolMapper", "oidc-audience-mapper");
			ObjectNode config = mapper.putObject("config");
			config.put("included.custom.audience", audience);
			config.put("access.token.claim", "true");
			config.put("id.token.claim", "false");
		}
		send("POST", "/clients", client);
		String id = get("/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)).get(0)
			.path("id")
			.asText();
		String user = get("/clients/" + id + "/service-account-user").path("id").asText();
		ArrayNode mappings = this.json.createArrayNode();
		for (String role : roles) {
			mappings.add(get("/roles/" + URLEncoder.encode(role, StandardCharsets.UTF_8).replace("+", "%20")));
		}
		send("POST", "/users/" + user + "/role-mappings/realm", mappings);
		return secret;
	}

	/**
	 * Tokens of {@code clientId} with exactly each of the given numbers of roles (counted
	 * over {@code realm_access} and {@code resource_access}), in ascending order:
	 * bench-only realm roles are added to the client's service account until its token
	 * has that many.
	 */
	List<String> tokensWithRoles(String clientId, String secret, List<Integer> counts)
			throws IOException, InterruptedException {
		String id = get("/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)).get(0)
			.path("id")
			.asText();
		String user = get("/clients/" + id + "/service-account-user").path("id").asText();
		List<String> out = new ArrayList<>();
		for (int count : counts.stream().sorted().toList()) {
			String token = this.tokens.clientCredentials(clientId, secret);
			int missing = count - roleCount(token);
			if (missing < 0) {
				throw new IllegalStateException(clientId + "'s token already has more than " + count + " roles");
			}
			if (missing > 0) {
				ArrayNode mappings = this.json.createArrayNode();
				for (int i = 0; i < missing; i++) {
					String name = ROLE_PREFIX + String.format("%03d", ++this.rolesCreated);
					ObjectNode role = this.json.createObjectNode();
					role.put("name", name);
					send("POST", "/roles", role);
					mappings.add(get("/roles/" + name));
				}
				send("POST", "/users/" + user + "/role-mappings/realm", mappings);
				token = this.tokens.clientCredentials(clientId, secret);
			}
			if (roleCount(token) != count) {
				throw new IllegalStateException(clientId + "'s token has " + roleCount(token) + " roles, not " + count);
			}
			out.add(token);
		}
		return out;
	}

	JsonNode claims(String token) {
		return this.json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	int roleCount(String token) {
		JsonNode claims = claims(token);
		int count = claims.path("realm_access").path("roles").size();
		for (JsonNode client : claims.path("resource_access")) {
			count += client.path("roles").size();
		}
		return count;
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request(path).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		check(response, "GET " + path);
		return this.json.readTree(response.body());
	}

	private void send(String method, String path, JsonNode body) throws IOException, InterruptedException {
		HttpRequest request = request(path).header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		check(this.http.send(request, HttpResponse.BodyHandlers.ofString()), method + " " + path);
	}

	private HttpRequest.Builder request(String path) {
		if (this.cachedAdminToken == null || System.nanoTime() - this.adminTokenTakenAt > 20_000_000_000L) {
			this.cachedAdminToken = this.adminToken.get();
			this.adminTokenTakenAt = System.nanoTime();
		}
		return HttpRequest.newBuilder(URI.create(this.realmAdminUrl + path))
			.header("Authorization", "Bearer " + this.cachedAdminToken);
	}

	private static void check(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
		}
	}

}
