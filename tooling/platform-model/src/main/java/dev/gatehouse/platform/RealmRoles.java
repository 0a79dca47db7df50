package dev.gatehouse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.platform.PlatformDescription.Permission;
import dev.gatehouse.platform.PlatformDescription.Realm;
import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * The parts of the realm files that gatehouse.yaml declares: the realm roles
 * (permissions, then personas as composites of the permissions they hold), every client's
 * realm-role scope mappings (a client people sign in with: every role; another: its
 * service account's), the service accounts' roles, the demo users' roles, and the client
 * of every service that calls others (its {@code client}: a confidential client with a
 * service account, its secret a placeholder in the base file and a demo value in the demo
 * file). The rest of the files (settings, client scopes, other clients, credentials) is
 * written by hand, so this rewrites only those parts of what the files hold. JSON has no
 * comments: the note {@value #NOTE} beside them says which parts are generated.
 */
final class RealmRoles {

	static final String BASE = "auth-server-config/realm-gatehouse.json";

	static final String DEMO = "auth-server-config/realm-gatehouse-demo.json";

	/** The realm files, partly generated: read before they are written. */
	static final List<String> PATHS = List.of(BASE, DEMO);

	static final String NOTE = "auth-server-config/realm-generated.txt";

	/**
	 * Keycloak's own roles, declared in the base file so that Keycloak does not add them
	 * to the default role; kept as written, like the default role itself.
	 */
	private static final Set<String> KEYCLOAK_ROLES = Set.of("offline_access", "uma_authorization");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * A service client's default scopes: the API audience (gatehouse-api) and the
	 * client_id claim (service_account) with the usual ones.
	 */
	private static final List<String> SERVICE_CLIENT_SCOPES = List.of("basic", "profile", "email", "roles",
			"web-origins", "acr", "gatehouse-api", "service_account");

	private RealmRoles() {
	}

	/**
	 * The realm files with their generated parts from the description, and the note;
	 * nothing when the description has no realm section.
	 */
	static Map<String, String> generate(PlatformDescription description, Path root) {
		Realm realm = description.realm();
		if (realm.isEmpty()) {
			return Map.of();
		}
		ObjectNode base = read(root, BASE);
		ObjectNode demo = read(root, DEMO);
		for (Service service : description.serviceList()) {
			if (service.client() != null) {
				putServiceClient(base, demo, service);
			}
		}
		check(realm, List.of(base, demo));
		Map<String, String> files = new LinkedHashMap<>();
		files.put(BASE, json(derive(realm, base)));
		files.put(DEMO, json(derive(realm, demo)));
		files.put(NOTE, note(description));
		return files;
	}

	/**
	 * A service's client in both files, replacing the one there (in place) or added after
	 * the last client and service account: as the base file declares policy-service's.
	 */
	private static void putServiceClient(ObjectNode base, ObjectNode demo, Service service) {
		String client = service.client();
		ObjectNode declared = MAPPER.createObjectNode()
			.put("clientId", client)
			.put("name", Character.toUpperCase(client.charAt(0)) + client.substring(1).replace('-', ' '))
			.put("description", "Microservice: calls " + String.join(", ", service.calls()) + " with its own token")
			.put("enabled", true)
			.put("protocol", "openid-connect")
			.put("publicClient", false)
			.put("bearerOnly", false)
			.put("consentRequired", false)
			.put("standardFlowEnabled", false)
			.put("implicitFlowEnabled", false)
			.put("directAccessGrantsEnabled", false)
			.put("serviceAccountsEnabled", true)
			.put("frontchannelLogout", false)
			.put("fullScopeAllowed", false);
		declared.putArray("redirectUris");
		declared.putArray("webOrigins");
		declared.putObject("attributes")
			.put("oauth2.device.authorization.grant.enabled", "false")
			.put("oidc.ciba.grant.enabled", "false");
		declared.set("defaultClientScopes", strings(SERVICE_CLIENT_SCOPES));
		declared.putArray("optionalClientScopes");
		declared.put("clientAuthenticatorType", "client-secret")
			.put("secret", "${" + ComposeServices.clientSecretVariable(client) + "}");
		put(base, "clients", "clientId", client, declared);
		ObjectNode account = MAPPER.createObjectNode()
			.put("username", "service-account-" + client)
			.put("enabled", true)
			.put("serviceAccountClientId", client);
		account.putArray("realmRoles");
		put(base, "users", "serviceAccountClientId", client, account);
		put(demo, "clients", "clientId", client,
				MAPPER.createObjectNode().put("clientId", client).put("secret", demoSecret(client)));
	}

	/** The dev-only secret of a service's client, in the demo file only. */
	static String demoSecret(String client) {
		return client + "-secret";
	}

	/**
	 * Replaces the element whose field has the value, or adds it after the last element
	 * with that field (a service account after the last service account).
	 */
	private static void put(ObjectNode file, String array, String field, String value, ObjectNode element) {
		ArrayNode elements = file.has(array) ? (ArrayNode) file.path(array) : file.putArray(array);
		int last = -1;
		for (int i = 0; i < elements.size(); i++) {
			if (elements.get(i).path(field).asString("").equals(value)) {
				elements.set(i, element);
				return;
			}
			if (elements.get(i).has(field)) {
				last = i;
			}
		}
		elements.insert(last + 1, element);
	}

	/**
	 * The files without a service's client, its service account and demo secret: what
	 * remove-service takes away with the service.
	 */
	static void removeServiceClient(Path root, String client) {
		for (String path : PATHS) {
			ObjectNode file = read(root, path);
			removeWhere(file.path("clients"), "clientId", client);
			removeWhere(file.path("users"), "serviceAccountClientId", client);
			removeWhere(file.path("scopeMappings"), "client", client);
			try {
				Files.writeString(root.resolve(path), json(file));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + path, ex);
			}
		}
	}

	private static void removeWhere(JsonNode array, String field, String value) {
		if (array instanceof ArrayNode elements) {
			for (int i = elements.size() - 1; i >= 0; i--) {
				if (elements.get(i).path(field).asString("").equals(value)) {
					elements.remove(i);
				}
			}
		}
	}

	/** The clients whose service accounts the realm files declare. */
	static Set<String> serviceAccountClients(Path root) {
		Set<String> clients = new LinkedHashSet<>();
		for (String path : PATHS) {
			read(root, path).path("users")
				.valueStream()
				.filter((user) -> user.has("serviceAccountClientId"))
				.forEach((user) -> clients.add(user.path("serviceAccountClientId").asString()));
		}
		return clients;
	}

	/**
	 * Users and clients come with credentials only the files hold: each named in the
	 * description must be there, and each person there must be named in it.
	 */
	private static void check(Realm realm, List<ObjectNode> files) {
		Set<String> people = new LinkedHashSet<>();
		Set<String> accounts = new LinkedHashSet<>();
		for (ObjectNode file : files) {
			for (JsonNode user : file.path("users")) {
				if (user.has("serviceAccountClientId")) {
					accounts.add(user.path("serviceAccountClientId").asString());
				}
				else {
					people.add(user.path("username").asString());
				}
			}
		}
		for (Permission permission : realm.permissions()) {
			for (String client : permission.clients()) {
				if (!accounts.contains(client)) {
					throw new PlatformDescriptionException(
							PlatformDescription.FILE + ": realm.permissions." + permission.service() + "."
									+ permission.name() + ".clients: " + client + " has no service account in " + BASE
									+ " or " + DEMO + " (declare the client and its service-account user there)");
				}
			}
		}
		Set<String> undescribed = new LinkedHashSet<>(people);
		undescribed.removeAll(realm.users().keySet());
		Set<String> missing = new LinkedHashSet<>(realm.users().keySet());
		missing.removeAll(people);
		if (!undescribed.isEmpty() || !missing.isEmpty()) {
			throw new PlatformDescriptionException(PlatformDescription.FILE
					+ ": realm.users must name exactly the users" + " of the realm files; not in realm.users: "
					+ undescribed + ", not in " + DEMO + ": " + missing);
		}
	}

	/**
	 * A copy of the file with its generated parts replaced, every other field in place.
	 */
	private static ObjectNode derive(Realm realm, ObjectNode file) {
		ObjectNode result = file.deepCopy();
		if (result.has("roles")) {
			((ObjectNode) result.path("roles")).set("realm", roles(realm, file));
		}
		ArrayNode mappings = scopeMappings(realm, file);
		if (result.has("scopeMappings") || !mappings.isEmpty()) {
			result.set("scopeMappings", mappings);
		}
		for (JsonNode user : result.path("users")) {
			List<String> roles = user.has("serviceAccountClientId")
					? realm.permissionsOfClient(user.path("serviceAccountClientId").asString())
					: realm.users().get(user.path("username").asString());
			((ObjectNode) user).set("realmRoles", strings(roles));
		}
		return result;
	}

	private static ArrayNode roles(Realm realm, ObjectNode file) {
		ArrayNode roles = MAPPER.createArrayNode();
		for (Permission permission : realm.permissions()) {
			roles.addObject()
				.put("name", permission.name())
				.put("description", permission.description())
				.put("composite", false);
		}
		realm.personas().forEach((persona, description) -> {
			List<String> members = realm.permissionsOfPersona(persona);
			ObjectNode role = roles.addObject()
				.put("name", persona)
				.put("description", description)
				.put("composite", !members.isEmpty());
			if (!members.isEmpty()) {
				role.putObject("composites").set("realm", strings(members));
			}
		});
		String defaultRole = file.path("defaultRole").path("name").asString("");
		for (JsonNode role : file.path("roles").path("realm")) {
			String name = role.path("name").asString("");
			if (name.equals(defaultRole) || KEYCLOAK_ROLES.contains(name)) {
				roles.add(role.deepCopy());
			}
		}
		return roles;
	}

	/**
	 * With fullScopeAllowed off, Keycloak drops from a client's tokens every role not
	 * scope-mapped to it: the clients people sign in with get every role, the others
	 * their service account's.
	 */
	private static ArrayNode scopeMappings(Realm realm, ObjectNode file) {
		ArrayNode mappings = MAPPER.createArrayNode();
		for (JsonNode client : file.path("clients")) {
			if (client.path("standardFlowEnabled").asBoolean(false) && client.path("fullScopeAllowed").isBoolean()
					&& !client.path("fullScopeAllowed").booleanValue()) {
				mappings.addObject()
					.put("client", client.path("clientId").asString())
					.set("roles", strings(realm.roles()));
			}
		}
		for (JsonNode user : file.path("users")) {
			String client = user.path("serviceAccountClientId").asString("");
			List<String> roles = realm.permissionsOfClient(client);
			if (!client.isEmpty() && !roles.isEmpty()) {
				mappings.addObject().put("client", client).set("roles", strings(roles));
			}
		}
		return mappings;
	}

	private static String note(PlatformDescription description) {
		Realm realm = description.realm();
		StringBuilder note = new StringBuilder(GeneratedYaml.header("#",
				"What it writes into the realm files beside this note (JSON has no comments)."));
		note.append("""

				In realm-gatehouse.json and realm-gatehouse-demo.json, from gatehouse.yaml's realm section:
				  roles.realm            the permissions, then the personas (composites of the permissions
				                         they hold); Keycloak's own roles and the default role stay as written
				  scopeMappings          clients people sign in with: every role; the others: their
				                         service account's roles
				  users[].realmRoles     service accounts: their client's permissions; demo users: realm.users
				  clients, users         the client of each service that calls others (services.*.client)
				                         and its service account; its secret is ${<CLIENT>_CLIENT_SECRET}
				                         in realm-gatehouse.json and <client>-secret in the demo file only
				Everything else in those files is written by hand.

				Permissions and who holds them:
				""");
		for (Permission permission : realm.permissions()) {
			List<String> holders = new ArrayList<>(permission.personas());
			holders.addAll(permission.clients());
			note.append("  ")
				.append(permission.name())
				.append(" (")
				.append(permission.service())
				.append("): ")
				.append(holders.isEmpty() ? "nobody" : String.join(", ", holders))
				.append('\n');
		}
		List<Service> callers = description.serviceList()
			.stream()
			.filter((service) -> service.client() != null)
			.toList();
		if (!callers.isEmpty()) {
			note.append("\nClients of services (generated whole):\n");
			for (Service service : callers) {
				note.append("  ")
					.append(service.client())
					.append(" (")
					.append(service.name())
					.append(", calls ")
					.append(String.join(", ", service.calls()))
					.append("): secret ${")
					.append(ComposeServices.clientSecretVariable(service.client()))
					.append("}\n");
			}
		}
		return note.toString();
	}

	private static ArrayNode strings(List<String> values) {
		ArrayNode array = MAPPER.createArrayNode();
		values.forEach(array::add);
		return array;
	}

	private static ObjectNode read(Path root, String path) {
		Path file = root.resolve(path);
		try {
			return (ObjectNode) MAPPER.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path + " (its generated parts come from gatehouse.yaml)",
					ex);
		}
		catch (JacksonException ex) {
			throw new PlatformDescriptionException(path + " is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * The layout the realm files are written in (two-space indent, one element a line,
	 * {@code "key": value}, {@code []} when empty), so regenerating changes only what is
	 * derived. Jackson's pretty printer lays arrays and separators out differently.
	 */
	static String json(JsonNode node) {
		StringBuilder out = new StringBuilder();
		write(node, out, "");
		return out.append('\n').toString();
	}

	private static void write(JsonNode node, StringBuilder out, String indent) {
		String inner = indent + "  ";
		if (node.isObject() || node.isArray()) {
			boolean object = node.isObject();
			if (node.isEmpty()) {
				out.append(object ? "{}" : "[]");
				return;
			}
			out.append(object ? "{\n" : "[\n");
			Iterator<Map.Entry<String, JsonNode>> fields = object ? node.properties().iterator() : null;
			Iterator<JsonNode> items = object ? null : node.iterator();
			while (object ? fields.hasNext() : items.hasNext()) {
				out.append(inner);
				JsonNode value;
				if (object) {
					Map.Entry<String, JsonNode> field = fields.next();
					out.append(MAPPER.writeValueAsString(field.getKey())).append(": ");
					value = field.getValue();
				}
				else {
					value = items.next();
				}
				write(value, out, inner);
				out.append((object ? fields.hasNext() : items.hasNext()) ? ",\n" : "\n");
			}
			out.append(indent).append(object ? '}' : ']');
		}
		else {
			out.append(MAPPER.writeValueAsString(node));
		}
	}

}
