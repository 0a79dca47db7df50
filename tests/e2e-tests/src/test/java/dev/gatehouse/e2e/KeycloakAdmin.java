package dev.gatehouse.e2e;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.launcher.Platform;

/**
 * The few Keycloak admin REST calls the tests make to change the realm as an operator
 * would.
 */
final class KeycloakAdmin {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Target target;

	KeycloakAdmin(Target target) {
		this.target = target;
	}

	KeycloakAdmin(Platform platform) {
		this(new LauncherTarget(platform));
	}

	private String realmUrl() {
		return this.target.keycloakUrl() + "/admin/realms/gatehouse";
	}

	/**
	 * A confidential client-credentials client; {@code attributes} such as
	 * {@code access.token.lifespan}.
	 */
	void createServiceClient(String clientId, String secret, boolean withApiAudience, Map<String, String> attributes) {
		Map<String, Object> client = Map.of("clientId", clientId, "enabled", true, "publicClient", false,
				"serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
				"secret", secret, "attributes", attributes, "defaultClientScopes", withApiAudience
						? java.util.List.of("basic", "roles", "gatehouse-api") : java.util.List.of("basic", "roles"));
		expect(Http.send("POST", realmUrl() + "/clients", admin(), json.writeValueAsString(client)), 201);
	}

	/**
	 * Adds an RSA signing key that outranks the realm's current one, so new tokens use
	 * it.
	 */
	String addSigningKey(String name, int priority) {
		String realmId = Http.json(expect(Http.get(realmUrl(), admin()), 200)).get("id").asString();
		Map<String, Object> component = Map.of("name", name, "providerId", "rsa-generated", "providerType",
				"org.keycloak.keys.KeyProvider", "parentId", realmId, "config",
				Map.of("priority", java.util.List.of(String.valueOf(priority)), "enabled", java.util.List.of("true"),
						"active", java.util.List.of("true"), "algorithm", java.util.List.of("RS256")));
		HttpResponse<String> created = expect(
				Http.send("POST", realmUrl() + "/components", admin(), json.writeValueAsString(component)), 201);
		String location = created.headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	/**
	 * Disables every RS256 key provider except {@code keepId}: their keys leave the
	 * published key set.
	 */
	void disableSigningKeysExcept(String keepId) {
		JsonNode components = Http
			.json(expect(Http.get(realmUrl() + "/components?type=org.keycloak.keys.KeyProvider", admin()), 200));
		StreamSupport.stream(components.spliterator(), false)
			.filter((component) -> component.get("providerId").asString().startsWith("rsa"))
			.filter((component) -> !component.get("id").asString().equals(keepId))
			.forEach((component) -> {
				var updated = (tools.jackson.databind.node.ObjectNode) component;
				var config = (tools.jackson.databind.node.ObjectNode) updated.get("config");
				config.set("enabled", json.createArrayNode().add("false"));
				config.set("active", json.createArrayNode().add("false"));
				expect(Http.send("PUT", realmUrl() + "/components/" + component.get("id").asString(), admin(),
						json.writeValueAsString(updated)), 204);
			});
	}

	private String admin() {
		return this.target.keycloakAdminToken();
	}

	private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(
					"Keycloak admin API answered " + response.statusCode() + ": " + response.body());
		}
		return response;
	}

}
