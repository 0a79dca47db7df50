package dev.gatehouse.gateway.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.security.openapi.ApiDescriptions;

/**
 * A service's description as callers see it through the gateway: only the operations a
 * route reaches, under their public paths (one entry per route that reaches them), each
 * with the security its route takes and the problems the gateway itself can answer; the
 * gateway as the only server.
 */
final class PublicDescription {

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private static final Map<String, String> GATEWAY_PROBLEMS = new TreeMap<>(Map.of("429",
			"The caller's rate limit or quota is used up; Retry-After says when to retry.", "502",
			"The service could not be reached.", "503",
			"The service is unavailable for now (circuit open, or the gateway could not obtain its own token); retry after Retry-After.",
			"504", "The service did not answer in time."));

	private static final Map<String, String> CREDENTIALS = Map.of("user-token",
			"a person's token (Authorization Code with PKCE)", "client-token", "a client-credentials token",
			"certificate-bound-token",
			"a token bound to the client certificate presented on the gateway's TLS listener (RFC 8705)",
			"dpop-bound-token", "a DPoP-bound token (Authorization: DPoP) with a proof per request (RFC 9449)",
			"api-key", "a partner's API key in " + ApiDescriptions.API_KEY_HEADER, "client-certificate",
			"a partner's client certificate on the gateway's TLS listener", "basic",
			"an operator's Basic credentials on the gateway's TLS listener");

	private PublicDescription() {
	}

	static ObjectNode of(JsonNode service, List<PublicRoute> routes, String origin) {
		ObjectNode description = ((ObjectNode) service).deepCopy();
		ArrayNode servers = description.putArray("servers");
		servers.addObject().put("url", origin).put("description", "The gateway");
		ObjectNode paths = JsonNodeFactory.instance.objectNode();
		Map<String, Integer> reached = timesReached(service.path("paths"), routes);
		for (Map.Entry<String, JsonNode> path : service.path("paths").properties()) {
			for (PublicRoute route : routes) {
				route.publicPath(path.getKey())
					.ifPresent((publicPath) -> paths.set(publicPath,
							item(path.getValue(), route, reached.get(path.getKey()) > 1)));
			}
		}
		description.set("paths", paths);
		return description;
	}

	private static Map<String, Integer> timesReached(JsonNode paths, List<PublicRoute> routes) {
		Map<String, Integer> reached = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			reached.put(path.getKey(),
					(int) routes.stream().filter((route) -> route.publicPath(path.getKey()).isPresent()).count());
		}
		return reached;
	}

	private static ObjectNode item(JsonNode serviceItem, PublicRoute route, boolean reachedByOtherRoutes) {
		ObjectNode item = ((ObjectNode) serviceItem).deepCopy();
		for (Map.Entry<String, JsonNode> entry : item.properties()) {
			if (METHODS.contains(entry.getKey()) && entry.getValue() instanceof ObjectNode operation) {
				operation(operation, route, reachedByOtherRoutes);
			}
		}
		return item;
	}

	private static void operation(ObjectNode operation, PublicRoute route, boolean reachedByOtherRoutes) {
		if (reachedByOtherRoutes && operation.has("operationId")) {
			operation.put("operationId", operation.get("operationId").asString() + "_" + route.id().replace('-', '_'));
		}
		List<String> roles = new ArrayList<>();
		operation.path(ApiDescriptions.ANY_AUTHORITY).forEach((role) -> roles.add(role.asString()));
		String description = operation.path("description").asString("");
		String through = "Through the gateway (route " + route.id() + ") with "
				+ String.join(", or ", route.credentials().stream().map(CREDENTIALS::get).toList()) + ".";
		if (route.gatewayToken()) {
			// The service's roles name the gateway's own token, not anything this caller
			// holds.
			description = description.replace(ApiDescriptions.rolesSentence(roles), "").strip();
			operation.remove(ApiDescriptions.ANY_AUTHORITY);
			through += " The gateway calls the service with its own token on the caller's behalf.";
		}
		operation.put("description", description.isEmpty() ? through : description + "\n\n" + through);
		ArrayNode credentials = operation.putArray("x-gatehouse-credentials");
		route.credentials().forEach(credentials::add);
		ArrayNode security = operation.putArray("security");
		requirements(route.credentials()).forEach((schemes) -> {
			ObjectNode requirement = security.addObject();
			schemes.forEach((scheme) -> requirement.putArray(scheme));
		});
		ObjectNode responses = operation.has("responses") ? (ObjectNode) operation.get("responses")
				: operation.putObject("responses");
		GATEWAY_PROBLEMS.forEach((status, text) -> {
			if (!responses.has(status)) {
				ObjectNode response = responses.putObject(status).put("description", text);
				response.putObject("content")
					.putObject(ApiDescriptions.PROBLEM_JSON)
					.putObject("schema")
					.put("$ref", "#/components/schemas/" + ApiDescriptions.PROBLEM_SCHEMA);
			}
		});
	}

	/**
	 * One requirement per way of calling the route (alternatives); a bound token needs
	 * both its parts.
	 */
	static Set<List<String>> requirements(List<String> credentials) {
		Set<List<String>> requirements = new LinkedHashSet<>();
		for (String credential : credentials) {
			requirements.add(switch (credential) {
				case "user-token", "client-token", "dpop-bound-token" -> List.of(ApiDescriptions.OAUTH2);
				case "certificate-bound-token" -> List.of(ApiDescriptions.OAUTH2, ApiDescriptions.MUTUAL_TLS);
				case "api-key" -> List.of(ApiDescriptions.API_KEY);
				case "client-certificate" -> List.of(ApiDescriptions.MUTUAL_TLS);
				case "basic" -> List.of(ApiDescriptions.BASIC);
				default -> throw new IllegalArgumentException("Unknown credential " + credential);
			});
		}
		return requirements;
	}

}
