package dev.gatehouse.realm;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the realm import and finds things in it; no rules live here. */
final class RealmJson {

	/** Surefire runs in the module directory, where the realm files live. */
	static final Path REALM_DIRECTORY = Path.of(".");

	private RealmJson() {
	}

	/**
	 * The full demo realm (base plus demo data, the demo secrets in the placeholders), as
	 * a local run and docker compose apply it. A fresh, mutable copy on every call, so
	 * tests can break it without affecting each other.
	 */
	static ObjectNode load() {
		return RealmFiles.fromDirectory(REALM_DIRECTORY).resolve(true, (variable) -> null);
	}

	/**
	 * The base realm as written (what production applies, its secrets still
	 * placeholders).
	 */
	static ObjectNode loadBase() {
		return RealmFiles.fromDirectory(REALM_DIRECTORY).base();
	}

	static String realmName(JsonNode realm) {
		return realm.path("realm").asString("<unnamed>");
	}

	static List<JsonNode> clients(JsonNode realm) {
		return realm.path("clients").valueStream().toList();
	}

	static String clientId(JsonNode client) {
		return client.path("clientId").asString("<no clientId>");
	}

	static Optional<JsonNode> findClient(JsonNode realm, String clientId) {
		return findByField(realm.path("clients"), "clientId", clientId);
	}

	static ObjectNode client(JsonNode realm, String clientId) {
		return (ObjectNode) findClient(realm, clientId)
			.orElseThrow(() -> new AssertionError("realm declares no client '" + clientId + "'"));
	}

	static Optional<JsonNode> findUser(JsonNode realm, String username) {
		return findByField(realm.path("users"), "username", username);
	}

	static ObjectNode user(JsonNode realm, String username) {
		return (ObjectNode) findUser(realm, username)
			.orElseThrow(() -> new AssertionError("realm declares no user '" + username + "'"));
	}

	static Optional<JsonNode> findRealmRole(JsonNode realm, String name) {
		return findByField(realm.path("roles").path("realm"), "name", name);
	}

	static ObjectNode realmRole(JsonNode realm, String name) {
		return (ObjectNode) findRealmRole(realm, name)
			.orElseThrow(() -> new AssertionError("realm declares no realm role '" + name + "'"));
	}

	static Optional<JsonNode> findClientScope(JsonNode realm, String name) {
		return findByField(realm.path("clientScopes"), "name", name);
	}

	static ObjectNode clientScope(JsonNode realm, String name) {
		return (ObjectNode) findClientScope(realm, name)
			.orElseThrow(() -> new AssertionError("realm declares no client scope '" + name + "'"));
	}

	/**
	 * Realm roles that the realm-level scope mappings give a client; empty when it has
	 * none.
	 */
	static Set<String> scopeMappedRoles(JsonNode realm, String clientId) {
		return findByField(realm.path("scopeMappings"), "client", clientId)
			.map(mapping -> strings(mapping.path("roles")))
			.orElse(Set.of());
	}

	/** Elements of a JSON array of strings; empty for a missing node. */
	static Set<String> strings(JsonNode array) {
		Set<String> values = new LinkedHashSet<>();
		array.valueStream().forEach(value -> values.add(value.asString()));
		return values;
	}

	/**
	 * Client or scope attribute as Keycloak stores it (always a string), or null when
	 * absent.
	 */
	static String attribute(JsonNode node, String name) {
		JsonNode value = node.path("attributes").path(name);
		return value.isMissingNode() || value.isNull() ? null : value.asString();
	}

	/** Keycloak treats a client without an explicit "enabled" as enabled. */
	static boolean isEnabled(JsonNode client) {
		return client.path("enabled").asBoolean(true);
	}

	static String describe(JsonNode value) {
		return value.isMissingNode() ? "missing" : value.toString();
	}

	private static Optional<JsonNode> findByField(JsonNode array, String field, String wanted) {
		return array.valueStream().filter(node -> wanted.equals(node.path(field).asString(null))).findFirst();
	}

}
