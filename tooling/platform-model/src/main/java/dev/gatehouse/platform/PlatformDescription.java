package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The repository's {@code gatehouse.yaml} as the generator needs it: the gateway, the
 * services, the rate-limit tiers, the routes and every endpoint's role rule. Read as a
 * tree rather than bound to classes: the authorization section also holds what only the
 * tests read (callers, views, access), and a missing or malformed entry must fail with
 * the path of the entry it is about.
 */
public record PlatformDescription(Brand brand, Gateway gateway, Map<String, Service> services, List<String> images,
		Map<String, JsonNode> rateLimitTiers, List<Route> routes, List<Endpoint> endpoints, Realm realm) {

	public static final String FILE = "gatehouse.yaml";

	public static PlatformDescription load(Path file) {
		JsonNode root;
		try {
			root = YAMLMapper.builder().build().readTree(Files.readString(file));
		}
		catch (IOException | JacksonException ex) {
			throw new PlatformDescriptionException("Cannot read " + file + ": " + ex.getMessage());
		}
		return parse(root);
	}

	/** The services in start order (each after those it calls). */
	public List<Service> serviceList() {
		return List.copyOf(this.services.values());
	}

	/**
	 * The subjects of the client certificates a service admits in the secure profile: the
	 * gateway's, then those of the services that call it.
	 */
	public List<String> allowedClientSubjects(String service) {
		List<String> subjects = new ArrayList<>(List.of(this.gateway.clientSubject()));
		this.services.values()
			.stream()
			.filter((caller) -> caller.calls().contains(service))
			.forEach((caller) -> subjects.add(caller.certificateSubject()));
		return List.copyOf(subjects);
	}

	public List<Endpoint> endpoints(String service) {
		return this.endpoints.stream().filter((endpoint) -> endpoint.service().equals(service)).toList();
	}

	/**
	 * The strings clients see that name the platform ({@code gatehouse.brand} of every
	 * module, which checks them at start-up).
	 */
	public record Brand(String problemTypePrefix, String headerPrefix, String apiKeyPrefix) {
	}

	/**
	 * The gateway.
	 *
	 * @param module Maven module folder
	 * @param clientSubject subject of its client certificate towards the services (secure
	 * profile)
	 */
	public record Gateway(String module, int port, int managementPort, int tlsPort, String clientSubject) {
	}

	/**
	 * A resource server.
	 *
	 * @param database PostgreSQL database (and user) of the postgres profile
	 * @param certificateUsage {@code server}, or {@code server-and-client} for a service
	 * that calls others with its certificate
	 * @param calls services it calls
	 * @param client its own client (client credentials) for those calls, or null
	 */
	public record Service(String name, String module, int port, int managementPort, String database,
			String certificateSubject, String certificateUsage, List<String> calls, String client) {
	}

	/**
	 * A gateway route.
	 *
	 * @param rewriteFrom public path prefix replaced by {@code rewriteTo} on the way to
	 * the service, or null
	 * @param rateLimit the rate-limit tier
	 */
	public record Route(String id, List<String> paths, List<String> credentials, String service, String rewriteFrom,
			String rewriteTo, String rateLimit) {

		/** Whether callers present their own token (the service checks its roles). */
		public boolean takesTokens() {
			return this.credentials.stream().anyMatch((credential) -> credential.endsWith("token"));
		}

	}

	/** One method and path template of a service, and the roles that may call it. */
	public record Endpoint(String service, String method, String path, List<String> anyAuthority) {
	}

	/**
	 * The realm's roles and who holds them; empty when the description has no
	 * {@code realm} section (then no part of the realm files is generated).
	 *
	 * @param personas persona role to its description, in the order written
	 * @param permissions the services' permission roles, in the order written
	 * @param users demo user to the persona roles it holds
	 */
	public record Realm(Map<String, String> personas, List<Permission> permissions, Map<String, List<String>> users) {

		public boolean isEmpty() {
			return this.personas.isEmpty() && this.permissions.isEmpty() && this.users.isEmpty();
		}

		/** The permissions a persona is a composite of, in the order written. */
		public List<String> permissionsOfPersona(String persona) {
			return this.permissions.stream()
				.filter((permission) -> permission.personas().contains(persona))
				.map(Permission::name)
				.toList();
		}

		/** The permissions a client's service account holds, in the order written. */
		public List<String> permissionsOfClient(String client) {
			return this.permissions.stream()
				.filter((permission) -> permission.clients().contains(client))
				.map(Permission::name)
				.toList();
		}

		/** Every role declared: the permissions, then the personas. */
		public List<String> roles() {
			List<String> roles = new ArrayList<>(this.permissions.stream().map(Permission::name).toList());
			roles.addAll(this.personas.keySet());
			return List.copyOf(roles);
		}

	}

	/**
	 * A permission role of a service.
	 *
	 * @param personas the persona roles it is a member of
	 * @param clients the clients whose service accounts hold it
	 */
	public record Permission(String service, String name, String description, List<String> personas,
			List<String> clients) {
	}

	private static PlatformDescription parse(JsonNode root) {
		JsonNode brandNode = required(root, "brand", "");
		Brand brand = new Brand(text(brandNode, "problem-type-prefix", "brand"),
				text(brandNode, "header-prefix", "brand"), text(brandNode, "api-key-prefix", "brand"));
		JsonNode gatewayNode = required(root, "gateway", "");
		Gateway gateway = new Gateway(text(gatewayNode, "module", "gateway"), number(gatewayNode, "port", "gateway"),
				number(gatewayNode, "management-port", "gateway"), number(gatewayNode, "tls-port", "gateway"),
				text(required(gatewayNode, "client-certificate", "gateway"), "subject", "gateway.client-certificate"));
		Map<String, Service> services = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : required(root, "services", "").properties()) {
			String at = "services." + entry.getKey();
			if (!entry.getKey().endsWith("-service")) {
				throw new PlatformDescriptionException(FILE + ": " + at
						+ ": a service's name ends in -service (the Kubernetes overlays select the services' objects by it)");
			}
			JsonNode node = entry.getValue();
			JsonNode certificate = required(node, "certificate", at);
			List<String> calls = node.has("calls") ? texts(node, "calls", at) : List.of();
			for (String called : calls) {
				if (!services.containsKey(called)) {
					throw new PlatformDescriptionException(at + ".calls: " + called
							+ " is not a service declared before it (services start in the order listed)");
				}
			}
			String client = node.has("client") ? text(node, "client", at) : null;
			if (!calls.isEmpty() && client == null) {
				throw new PlatformDescriptionException(
						at + ": calls other services but names no client to call them as");
			}
			if (!calls.isEmpty() && !"server-and-client".equals(certificate.path("usage").asString())) {
				throw new PlatformDescriptionException(FILE + ": " + at
						+ ".certificate.usage: calls other services, so its certificate is their client certificate too"
						+ " (the called services admit its subject): usage must be server-and-client");
			}
			services.put(entry.getKey(),
					new Service(entry.getKey(), text(node, "module", at), number(node, "port", at),
							number(node, "management-port", at), text(node, "database", at),
							text(certificate, "subject", at + ".certificate"),
							text(certificate, "usage", at + ".certificate"), calls, client));
		}
		List<String> images = root.has("images") ? texts(root, "images", "") : List.of();
		Map<String, JsonNode> tiers = new LinkedHashMap<>();
		required(root, "rate-limit-tiers", "").properties()
			.forEach((entry) -> tiers.put(entry.getKey(), entry.getValue()));
		JsonNode authorization = required(root, "authorization", "");
		List<Route> routes = new ArrayList<>();
		for (JsonNode node : required(authorization, "routes", "authorization")) {
			String at = "authorization.routes." + text(node, "id", "authorization.routes");
			JsonNode rewrite = node.get("rewrite");
			Route route = new Route(text(node, "id", at), texts(node, "paths", at), texts(node, "credentials", at),
					text(node, "service", at), (rewrite != null) ? text(rewrite, "from", at + ".rewrite") : null,
					(rewrite != null) ? text(rewrite, "to", at + ".rewrite") : null, text(node, "rate-limit", at));
			if (!services.containsKey(route.service())) {
				throw new PlatformDescriptionException(at + ".service: no service " + route.service() + " in services");
			}
			if (!tiers.containsKey(route.rateLimit())) {
				throw new PlatformDescriptionException(
						at + ".rate-limit: no tier " + route.rateLimit() + " in rate-limit-tiers " + tiers.keySet());
			}
			routes.add(route);
		}
		List<Endpoint> endpoints = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : required(authorization, "services", "authorization").properties()) {
			String at = "authorization.services." + entry.getKey();
			if (!services.containsKey(entry.getKey())) {
				throw new PlatformDescriptionException(at + ": no service " + entry.getKey() + " in services");
			}
			for (JsonNode node : required(entry.getValue(), "endpoints", at)) {
				endpoints.add(new Endpoint(entry.getKey(), text(node, "method", at + ".endpoints"),
						text(node, "path", at + ".endpoints"), texts(node, "any-authority", at + ".endpoints")));
			}
		}
		return new PlatformDescription(brand, gateway, services, images, tiers, routes, endpoints,
				parseRealm(root.get("realm"), services));
	}

	private static Realm parseRealm(JsonNode node, Map<String, Service> services) {
		if (node == null || node.isNull()) {
			return new Realm(Map.of(), List.of(), Map.of());
		}
		Map<String, String> personas = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : required(node, "personas", "realm").properties()) {
			personas.put(entry.getKey(), text(node.get("personas"), entry.getKey(), "realm.personas"));
		}
		List<Permission> permissions = new ArrayList<>();
		for (Map.Entry<String, JsonNode> service : required(node, "permissions", "realm").properties()) {
			String at = "realm.permissions." + service.getKey();
			if (!services.containsKey(service.getKey())) {
				throw new PlatformDescriptionException(
						FILE + ": " + at + ": no service " + service.getKey() + " in services");
			}
			for (Map.Entry<String, JsonNode> role : service.getValue().properties()) {
				String roleAt = at + "." + role.getKey();
				if (personas.containsKey(role.getKey())
						|| permissions.stream().anyMatch((other) -> other.name().equals(role.getKey()))) {
					throw new PlatformDescriptionException(
							FILE + ": " + roleAt + ": the role " + role.getKey() + " is declared twice");
				}
				List<String> holders = optionalTexts(role.getValue(), "personas", roleAt);
				for (String persona : holders) {
					if (!personas.containsKey(persona)) {
						throw new PlatformDescriptionException(FILE + ": " + roleAt + ".personas: " + persona
								+ " is not a persona of realm.personas " + personas.keySet());
					}
				}
				permissions
					.add(new Permission(service.getKey(), role.getKey(), text(role.getValue(), "description", roleAt),
							holders, optionalTexts(role.getValue(), "clients", roleAt)));
			}
		}
		Map<String, List<String>> users = new LinkedHashMap<>();
		if (node.has("users")) {
			for (Map.Entry<String, JsonNode> user : node.get("users").properties()) {
				List<String> roles = optionalTexts(node.get("users"), user.getKey(), "realm.users");
				for (String role : roles) {
					if (!personas.containsKey(role)) {
						throw new PlatformDescriptionException(FILE + ": realm.users." + user.getKey() + ": " + role
								+ " is not a persona of realm.personas " + personas.keySet());
					}
				}
				users.put(user.getKey(), roles);
			}
		}
		return new Realm(personas, List.copyOf(permissions), users);
	}

	private static JsonNode required(JsonNode node, String field, String at) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new PlatformDescriptionException(
					FILE + ": " + (at.isEmpty() ? "" : at + ".") + field + " is missing");
		}
		return value;
	}

	private static String text(JsonNode node, String field, String at) {
		JsonNode value = required(node, field, at);
		if (!value.isValueNode() || value.asString().isBlank()) {
			throw new PlatformDescriptionException(FILE + ": " + at + "." + field + " must be a non-empty string");
		}
		return value.asString();
	}

	private static int number(JsonNode node, String field, String at) {
		JsonNode value = required(node, field, at);
		if (!value.isInt()) {
			throw new PlatformDescriptionException(FILE + ": " + at + "." + field + " must be a number");
		}
		return value.intValue();
	}

	/** A list that may be missing or empty. */
	private static List<String> optionalTexts(JsonNode node, String field, String at) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw new PlatformDescriptionException(FILE + ": " + at + "." + field + " must be a list");
		}
		List<String> texts = new ArrayList<>();
		value.forEach((item) -> texts.add(item.asString()));
		return List.copyOf(texts);
	}

	private static List<String> texts(JsonNode node, String field, String at) {
		JsonNode value = required(node, field, at);
		if (!value.isArray() || value.isEmpty()) {
			throw new PlatformDescriptionException(FILE + ": " + at + "." + field + " must be a non-empty list");
		}
		List<String> texts = new ArrayList<>();
		value.forEach((item) -> texts.add(item.asString()));
		return List.copyOf(texts);
	}

}
