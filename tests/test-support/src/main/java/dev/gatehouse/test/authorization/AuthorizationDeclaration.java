package dev.gatehouse.test.authorization;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.gatehouse.test.Repository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code authorization} section of the repository's {@code gatehouse.yaml}: who may
 * see and do what, per endpoint. Read as the tests that hold the services, the gateway
 * and the running platform to it need it; a malformed declaration fails on loading with
 * the entry it is about.
 */
public record AuthorizationDeclaration(Map<String, CallerKind> callers, Map<String, List<String>> views,
		List<Route> routes, List<Endpoint> endpoints) {

	public static final String FILE = "gatehouse.yaml";

	static final Set<String> SCOPES = Set.of("own", "all", "partner");

	/**
	 * The declaration of the repository this test runs in (found from the working
	 * directory upwards).
	 */
	public static AuthorizationDeclaration load() {
		return load(find(Path.of("").toAbsolutePath()));
	}

	public static AuthorizationDeclaration load(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			return parse(map(root, "authorization"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

	/**
	 * The repository root's gatehouse.yaml: the nearest one beside a pom.xml, from here
	 * upwards.
	 */
	public static Path find(Path from) {
		return Repository.root(from).resolve(FILE);
	}

	/** The endpoints of one service, in declaration order. */
	public List<Endpoint> endpoints(String service) {
		return this.endpoints.stream().filter((endpoint) -> endpoint.service().equals(service)).toList();
	}

	/** The gateway routes that reach an endpoint, with the public path template there. */
	public Map<Route, String> publicPaths(Endpoint endpoint) {
		Map<Route, String> paths = new LinkedHashMap<>();
		for (Route route : this.routes) {
			if (route.service().equals(endpoint.service())) {
				route.publicPath(endpoint.path()).ifPresent((path) -> paths.put(route, path));
			}
		}
		return paths;
	}

	public CallerKind caller(String kind) {
		CallerKind caller = this.callers.get(kind);
		if (caller == null) {
			throw new IllegalArgumentException("No caller kind '" + kind + "' in " + FILE);
		}
		return caller;
	}

	/**
	 * A kind of caller.
	 *
	 * @param credential how it proves who it is (user-token, client-token,
	 * certificate-bound-token, api-key, client-certificate, basic)
	 * @param members the demo identities of this kind
	 * @param partner the partner it stands for, or null
	 */
	public record CallerKind(String name, String credential, List<String> members, String partner) {

		/**
		 * Whether a service sees this caller's own token (else the gateway's, vouching
		 * for it).
		 */
		public boolean hasToken() {
			return this.credential.endsWith("token");
		}

	}

	/**
	 * A gateway route.
	 *
	 * @param rewriteFrom public path prefix replaced by {@code rewriteTo} on the way to
	 * the service, or null when the path is passed on as it is
	 */
	public record Route(String id, List<String> paths, List<String> credentials, String service, boolean tls,
			String rewriteFrom, String rewriteTo) {

		/**
		 * The public path template under which this route reaches a service path, if it
		 * does.
		 */
		public Optional<String> publicPath(String servicePath) {
			String candidate = servicePath;
			if (this.rewriteFrom != null) {
				if (!servicePath.startsWith(this.rewriteTo)) {
					return Optional.empty();
				}
				candidate = this.rewriteFrom + servicePath.substring(this.rewriteTo.length());
			}
			String concrete = PathTemplates.sample(candidate);
			return this.paths.stream().anyMatch((pattern) -> PathTemplates.matches(pattern, concrete))
					? Optional.of(candidate) : Optional.empty();
		}

		public boolean takes(String credential) {
			return this.credentials.contains(credential);
		}

	}

	/**
	 * One endpoint and method of a service, possibly one of several entries for the same
	 * method and path that differ by body (a status change to CANCELLED or to APPROVED).
	 *
	 * @param object what {@code {id}} (or the body's {@code {id}}) refers to: customer,
	 * policy, or null
	 * @param list the kind of object a list endpoint returns, or null
	 * @param absent the status for an object outside the caller's scope or missing
	 * @param body the request body, with {@code "{id}"} standing for the object's id;
	 * null for none
	 */
	public record Endpoint(String service, String method, String path, List<String> anyAuthority, String object,
			String list, int absent, Map<String, Object> body, Map<String, Access> access) {

		public String describe() {
			return this.method + " " + this.path + ((this.body != null) ? " " + this.body : "");
		}

		public Access access(String kind) {
			Access access = this.access.get(kind);
			if (access == null) {
				throw new IllegalArgumentException(describe() + " declares nothing for " + kind);
			}
			return access;
		}

	}

	/**
	 * What one kind of caller gets from one endpoint.
	 *
	 * @param status the answer for objects in scope (for a refusal: for every object)
	 * @param scope own, all, partner; null for a refusal or an endpoint without objects
	 * @param view the fields returned; null for a refusal
	 */
	public record Access(int status, String scope, String view) {

		public boolean refused() {
			return this.scope == null && this.status >= 400;
		}

	}

	private static AuthorizationDeclaration parse(Map<String, Object> authorization) {
		Map<String, CallerKind> callers = new LinkedHashMap<>();
		map(authorization, "callers").forEach((name, value) -> {
			Map<String, Object> caller = cast(value, "callers." + name);
			callers.put(name, new CallerKind(name, string(caller, "credential", "callers." + name),
					strings(caller, "members", "callers." + name), (String) caller.get("partner")));
		});
		Map<String, List<String>> views = new LinkedHashMap<>();
		map(authorization, "views")
			.forEach((name, value) -> views.put(name, strings(Map.of("fields", value), "fields", "views." + name)));
		List<Route> routes = new ArrayList<>();
		for (Object value : list(authorization, "routes")) {
			Map<String, Object> route = cast(value, "routes");
			String id = string(route, "id", "routes");
			Map<String, Object> rewrite = (route.get("rewrite") != null)
					? cast(route.get("rewrite"), "routes." + id + ".rewrite") : null;
			routes.add(new Route(id, strings(route, "paths", "routes." + id),
					strings(route, "credentials", "routes." + id), string(route, "service", "routes." + id),
					Boolean.TRUE.equals(route.get("tls")), (rewrite != null) ? string(rewrite, "from", id) : null,
					(rewrite != null) ? string(rewrite, "to", id) : null));
		}
		List<Endpoint> endpoints = new ArrayList<>();
		map(authorization, "services").forEach((service, value) -> {
			for (Object item : list(cast(value, "services." + service), "endpoints")) {
				Map<String, Object> endpoint = cast(item, "services." + service + ".endpoints");
				String where = service + " " + endpoint.get("method") + " " + endpoint.get("path");
				Map<String, Access> access = new LinkedHashMap<>();
				map(endpoint, "access")
					.forEach((kind, entry) -> access.put(kind, access(entry, where + " access." + kind, views)));
				if (!access.keySet().equals(callers.keySet())) {
					throw new IllegalStateException(FILE + ": " + where + " must declare every kind of caller "
							+ callers.keySet() + ", declares " + access.keySet());
				}
				endpoints.add(new Endpoint(service, string(endpoint, "method", where), string(endpoint, "path", where),
						strings(endpoint, "any-authority", where), (String) endpoint.get("object"),
						(String) endpoint.get("list"),
						(endpoint.get("absent") != null) ? (Integer) endpoint.get("absent") : 404,
						(endpoint.get("body") != null) ? cast(endpoint.get("body"), where + " body") : null, access));
			}
		});
		return new AuthorizationDeclaration(callers, views, routes, endpoints);
	}

	private static Access access(Object entry, String where, Map<String, List<String>> views) {
		if (entry instanceof Integer status) {
			if (status < 400) {
				throw new IllegalStateException(
						FILE + ": " + where + " is a bare status, which must be a refusal (4xx)");
			}
			return new Access(status, null, null);
		}
		Map<String, Object> allowed = cast(entry, where);
		String scope = (String) allowed.get("scope");
		String view = (String) allowed.get("view");
		if (scope != null && !SCOPES.contains(scope)) {
			throw new IllegalStateException(FILE + ": " + where + " has scope '" + scope + "', not one of " + SCOPES);
		}
		if (view != null && !views.containsKey(view)) {
			throw new IllegalStateException(
					FILE + ": " + where + " names the view '" + view + "', which views does not declare");
		}
		if (!(allowed.get("status") instanceof Integer status)) {
			throw new IllegalStateException(FILE + ": " + where + " needs a status");
		}
		return new Access(status, scope, view);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Object value, String where) {
		if (!(value instanceof Map<?, ?>)) {
			throw new IllegalStateException(FILE + ": " + where + " must be a mapping");
		}
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		return cast((parent != null) ? parent.get(key) : null, key);
	}

	private static List<?> list(Map<String, Object> parent, String key) {
		if (!(parent.get(key) instanceof List<?> items)) {
			throw new IllegalStateException(FILE + ": " + key + " must be a list");
		}
		return items;
	}

	private static String string(Map<String, Object> parent, String key, String where) {
		if (!(parent.get(key) instanceof String value) || value.isBlank()) {
			throw new IllegalStateException(FILE + ": " + where + " needs " + key);
		}
		return value;
	}

	private static List<String> strings(Map<String, Object> parent, String key, String where) {
		return list(parent, key).stream().map((item) -> {
			if (!(item instanceof String value)) {
				throw new IllegalStateException(FILE + ": " + where + "." + key + " must list strings");
			}
			return value;
		}).toList();
	}

}
