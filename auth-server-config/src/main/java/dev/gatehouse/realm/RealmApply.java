package dev.gatehouse.realm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.gatehouse.realm.KeycloakAdmin.segment;

/**
 * Brings a running Keycloak to a realm as declared, as often as needed, without wiping
 * anything. A missing realm is created whole, as {@code --import-realm} would. An
 * existing one is reconciled: realm settings, client scopes and their mappers, realm
 * roles and their composites, the default client scopes, clients with their scopes,
 * realm-role scope mappings and service-account roles are made exactly as declared
 * (Keycloak's own clients and scopes that the file does not name are left alone); groups
 * and users the file declares are created when missing, and users that exist are never
 * touched, so their passwords, sessions and role grants survive. Client roles and
 * identity providers are not reconciled (the realm declares none).
 *
 * <p>
 * Keycloak's partial import cannot do this alone: it skips or deletes and recreates (a
 * recreated client loses its sessions and scope mappings), and it knows no client scopes.
 */
public final class RealmApply {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final KeycloakAdmin admin;

	private final List<String> changes = new ArrayList<>();

	private String realmPath;

	public RealmApply(KeycloakAdmin admin) {
		this.admin = admin;
	}

	/**
	 * @param realm the realm as {@link RealmFiles#resolve} makes it, placeholders filled
	 * @return what changed, one line each; empty when Keycloak already held the realm as
	 * declared
	 */
	public synchronized List<String> apply(ObjectNode realm) {
		this.changes.clear();
		String name = realm.path("realm").asString("");
		if (name.isBlank()) {
			throw new RealmDefinitionException("the realm file names no realm (field 'realm')");
		}
		this.realmPath = "/" + segment(name);
		if (this.admin.find(this.realmPath).isEmpty()) {
			this.admin.post("", realm);
			return List.of("created realm " + name);
		}
		settings(realm);
		Map<String, String> scopeIds = clientScopes(realm);
		scopeList("/default-default-client-scopes", realm.path("defaultDefaultClientScopes"), scopeIds,
				"realm default scopes");
		scopeList("/default-optional-client-scopes", realm.path("defaultOptionalClientScopes"), scopeIds,
				"realm optional scopes");
		roles(realm);
		clients(realm, scopeIds);
		groups(realm);
		users(realm);
		return List.copyOf(this.changes);
	}

	private void settings(ObjectNode realm) {
		ObjectNode desired = MAPPER.createObjectNode();
		realm.properties()
			.stream()
			.filter((field) -> !field.getValue().isArray() && !field.getKey().equals("roles")
					&& !field.getKey().equals("defaultRole"))
			.forEach((field) -> desired.set(field.getKey(), field.getValue()));
		if (!covers(this.admin.get(this.realmPath), desired)) {
			this.admin.put(this.realmPath, desired);
			this.changes.add("updated realm settings");
		}
	}

	private Map<String, String> clientScopes(ObjectNode realm) {
		Map<String, JsonNode> current = byField(this.admin.get(this.realmPath + "/client-scopes"), "name");
		for (JsonNode scope : realm.path("clientScopes")) {
			String name = scope.path("name").asString();
			JsonNode existing = current.get(name);
			if (existing == null) {
				this.admin.post(this.realmPath + "/client-scopes", scope);
				this.changes.add("created client scope " + name);
				continue;
			}
			String path = this.realmPath + "/client-scopes/" + existing.path("id").asString();
			ObjectNode settings = ((ObjectNode) scope).deepCopy();
			settings.remove("protocolMappers");
			if (!covers(existing, settings)) {
				settings.put("id", existing.path("id").asString());
				this.admin.put(path, settings);
				this.changes.add("updated client scope " + name);
			}
			mappers(path + "/protocol-mappers/models", existing.path("protocolMappers"), scope.path("protocolMappers"),
					"client scope " + name);
		}
		return byField(this.admin.get(this.realmPath + "/client-scopes"), "name").entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().path("id").asString()));
	}

	private void mappers(String path, JsonNode current, JsonNode desired, String owner) {
		Map<String, JsonNode> existing = byField(current, "name");
		for (JsonNode mapper : desired) {
			String name = mapper.path("name").asString();
			JsonNode found = existing.get(name);
			if (found == null) {
				this.admin.post(path, mapper);
				this.changes.add("created mapper '" + name + "' of " + owner);
			}
			else if (!covers(found, mapper)) {
				ObjectNode update = ((ObjectNode) mapper).deepCopy();
				update.put("id", found.path("id").asString());
				this.admin.put(path + "/" + found.path("id").asString(), update);
				this.changes.add("updated mapper '" + name + "' of " + owner);
			}
		}
	}

	/**
	 * A list of client scopes (the realm's defaults, or a client's), made exactly as
	 * declared.
	 */
	private void scopeList(String path, JsonNode declared, Map<String, String> scopeIds, String what) {
		Set<String> desired = strings(declared);
		Set<String> current = byField(this.admin.get(this.realmPath + path), "name").keySet();
		for (String name : desired) {
			if (!current.contains(name)) {
				String id = scopeIds.get(name);
				if (id == null) {
					throw new RealmDefinitionException(
							what + " name client scope '" + name + "', which the realm does not declare");
				}
				this.admin.put(this.realmPath + path + "/" + id, null);
				this.changes.add("added " + name + " to " + what);
			}
		}
		for (String name : current) {
			if (!desired.contains(name)) {
				this.admin.delete(this.realmPath + path + "/" + scopeIds.get(name), null);
				this.changes.add("removed " + name + " from " + what);
			}
		}
	}

	private void roles(ObjectNode realm) {
		Set<String> current = byField(this.admin.get(this.realmPath + "/roles"), "name").keySet();
		Map<String, JsonNode> declared = byField(realm.path("roles").path("realm"), "name");
		for (JsonNode role : declared.values()) {
			String name = role.path("name").asString();
			ObjectNode settings = MAPPER.createObjectNode();
			settings.put("name", name);
			settings.put("description", role.path("description").asString(""));
			if (!current.contains(name)) {
				this.admin.post(this.realmPath + "/roles", settings);
				this.changes.add("created role " + name);
			}
			else if (!covers(this.admin.get(rolePath(name)), settings)) {
				this.admin.put(rolePath(name), settings);
				this.changes.add("updated role " + name);
			}
		}
		for (JsonNode role : declared.values()) {
			String name = role.path("name").asString();
			roleMappings(rolePath(name) + "/composites", rolePath(name) + "/composites/realm",
					strings(role.path("composites").path("realm")), "composites of role " + name);
		}
	}

	private String rolePath(String name) {
		return this.realmPath + "/roles/" + segment(name);
	}

	/**
	 * Realm roles mapped to something (a composite, a client's scope, a user), made
	 * exactly as declared.
	 */
	private void roleMappings(String changePath, String readPath, Set<String> desired, String what) {
		Set<String> current = byField(this.admin.get(readPath), "name").keySet();
		ArrayNode add = MAPPER.createArrayNode();
		desired.stream()
			.filter((name) -> !current.contains(name))
			.forEach((name) -> add.add(this.admin.get(rolePath(name))));
		ArrayNode remove = MAPPER.createArrayNode();
		current.stream()
			.filter((name) -> !desired.contains(name))
			.forEach((name) -> remove.add(this.admin.get(rolePath(name))));
		if (!add.isEmpty()) {
			this.admin.post(changePath, add);
			this.changes.add("added " + names(add) + " to " + what);
		}
		if (!remove.isEmpty()) {
			this.admin.delete(changePath, remove);
			this.changes.add("removed " + names(remove) + " from " + what);
		}
	}

	private void clients(ObjectNode realm, Map<String, String> scopeIds) {
		for (JsonNode client : realm.path("clients")) {
			String clientId = client.path("clientId").asString();
			String search = this.realmPath + "/clients?clientId=" + segment(clientId);
			ObjectNode settings = ((ObjectNode) client).deepCopy();
			// Keycloak updates a client's mappers through their own endpoint, not with
			// the client.
			settings.remove(List.of("defaultClientScopes", "optionalClientScopes", "protocolMappers"));
			JsonNode found = this.admin.get(search);
			if (found.isEmpty()) {
				this.admin.post(this.realmPath + "/clients", client);
				this.changes.add("created client " + clientId);
				found = this.admin.get(search);
			}
			String id = found.get(0).path("id").asString();
			String path = this.realmPath + "/clients/" + id;
			JsonNode existing = this.admin.get(path);
			if (!covers(existing, settings)) {
				settings.put("id", id);
				this.admin.put(path, settings);
				this.changes.add("updated client " + clientId);
			}
			mappers(path + "/protocol-mappers/models", existing.path("protocolMappers"), client.path("protocolMappers"),
					"client " + clientId);
			scopeList("/clients/" + id + "/default-client-scopes", client.path("defaultClientScopes"), scopeIds,
					"default scopes of client " + clientId);
			scopeList("/clients/" + id + "/optional-client-scopes", client.path("optionalClientScopes"), scopeIds,
					"optional scopes of client " + clientId);
			roleMappings(path + "/scope-mappings/realm", path + "/scope-mappings/realm", scopeMappings(realm, clientId),
					"scope mappings of client " + clientId);
			if (client.path("serviceAccountsEnabled").asBoolean(false)) {
				String user = this.admin.get(path + "/service-account-user").path("id").asString();
				String mappings = this.realmPath + "/users/" + user + "/role-mappings/realm";
				roleMappings(mappings, mappings, serviceAccountRoles(realm, clientId),
						"service account of client " + clientId);
			}
		}
	}

	private static Set<String> scopeMappings(ObjectNode realm, String clientId) {
		return realm.path("scopeMappings")
			.valueStream()
			.filter((mapping) -> clientId.equals(mapping.path("client").asString(null)))
			.flatMap((mapping) -> strings(mapping.path("roles")).stream())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static Set<String> serviceAccountRoles(ObjectNode realm, String clientId) {
		return realm.path("users")
			.valueStream()
			.filter((user) -> clientId.equals(user.path("serviceAccountClientId").asString(null)))
			.flatMap((user) -> strings(user.path("realmRoles")).stream())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * Missing top-level groups are imported with their attributes and roles, before the
	 * users that name them; existing groups are left as they are, like users.
	 */
	private void groups(ObjectNode realm) {
		Set<String> current = byField(this.admin.get(this.realmPath + "/groups"), "name").keySet();
		ArrayNode missing = MAPPER.createArrayNode();
		realm.path("groups")
			.valueStream()
			.filter((group) -> !current.contains(group.path("name").asString()))
			.forEach(missing::add);
		if (!missing.isEmpty()) {
			ObjectNode partial = MAPPER.createObjectNode();
			partial.put("ifResourceExists", "SKIP");
			partial.set("groups", missing);
			this.admin.post(this.realmPath + "/partialImport", partial);
			this.changes.add("created groups " + names(missing));
		}
	}

	/**
	 * Missing users are imported with their ids, credentials, roles and groups; existing
	 * users are left as they are.
	 */
	private void users(ObjectNode realm) {
		ArrayNode missing = MAPPER.createArrayNode();
		for (JsonNode user : realm.path("users")) {
			if (user.has("serviceAccountClientId")) {
				continue;
			}
			String username = user.path("username").asString();
			if (this.admin.get(this.realmPath + "/users?exact=true&username=" + segment(username)).isEmpty()) {
				missing.add(user);
			}
		}
		if (!missing.isEmpty()) {
			ObjectNode partial = MAPPER.createObjectNode();
			partial.put("ifResourceExists", "SKIP");
			partial.set("users", missing);
			this.admin.post(this.realmPath + "/partialImport", partial);
			this.changes.add("created users " + names(missing, "username"));
		}
	}

	/**
	 * Whether Keycloak's current representation already says everything the declared one
	 * says. Keycloak adds defaults of its own, so fields it has beyond the declared ones
	 * do not count; arrays compare without order; scalars compare by text (attributes are
	 * strings in Keycloak).
	 */
	static boolean covers(JsonNode current, JsonNode desired) {
		if (desired.isObject()) {
			if (!current.isObject()) {
				return false;
			}
			return desired.properties().stream().allMatch((field) -> {
				JsonNode value = current.get(field.getKey());
				if (value == null || value.isNull()) {
					return field.getValue().isNull() || (field.getValue().isContainer() && field.getValue().isEmpty());
				}
				return covers(value, field.getValue());
			});
		}
		if (desired.isArray()) {
			if (!current.isArray() || current.size() != desired.size()) {
				return false;
			}
			return desired.valueStream()
				.allMatch((item) -> current.valueStream().anyMatch((candidate) -> covers(candidate, item)));
		}
		return !current.isContainer() && current.asString().equals(desired.asString());
	}

	private static Map<String, JsonNode> byField(JsonNode array, String field) {
		Map<String, JsonNode> result = new LinkedHashMap<>();
		array.valueStream().forEach((item) -> result.put(item.path(field).asString(), item));
		return result;
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> values = new LinkedHashSet<>();
		array.valueStream().forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static List<String> names(JsonNode array) {
		return names(array, "name");
	}

	private static List<String> names(JsonNode array, String field) {
		return array.valueStream().map((item) -> item.path(field).asString()).toList();
	}

}
