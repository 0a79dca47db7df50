package dev.gatehouse.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.spring.javaformat.formatter.FileEdit;
import io.spring.javaformat.formatter.FileFormatter;

import dev.gatehouse.platform.PlatformDescription.Permission;
import dev.gatehouse.platform.PlatformDescription.Realm;
import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * {@code ./gatehouse new-service} and {@code remove-service}: a service module made from
 * the template beside this class (customer-service reduced: the starter, a Flyway
 * migration, a controller with an ownership check, its role-matrix, token-rejection and
 * declaration tests), its entry in gatehouse.yaml (service, route, its permission roles
 * and who holds them, endpoints with what each kind of caller then gets), its line in the
 * root pom, then every generated file and section again (compose, database, the
 * Kubernetes base and prod overlay, the realm's roles). Removing undoes exactly that.
 */
public final class ServiceScaffold {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-service");

	/** A line of authorization.callers: name, credential and members. */
	private static final Pattern CALLER = Pattern
		.compile(" {4}([a-z0-9-]+): +\\{ credential: ([a-z-]+), members: (\\[[^]]*]).*");

	private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]*(:[a-z0-9_-]+)?");

	/**
	 * Who gets the first (reading) role when no grant is given: the persona that reads
	 * every service's records in the reference platform.
	 */
	static final String DEFAULT_PERSONA = "agent";

	/** The template's files, relative to the template folder (a jar has no listing). */
	private static final List<String> TEMPLATE = List.of("pom.xml", "src/main/resources/application.yaml",
			"src/main/resources/application-secure.yaml", "src/main/resources/db/migration/V1__${entity}.sql",
			"src/main/java/${Service}Application.java", "src/main/java/${Entity}.java",
			"src/main/java/${Entity}Repository.java", "src/main/java/${Entity}View.java",
			"src/main/java/${Entity}Controller.java", "src/test/java/${Entity}RoleMatrixTests.java",
			"src/test/java/${Entity}TokenRejectionTests.java", "src/test/java/AuthorizationDeclarationTests.java");

	private final Path root;

	public ServiceScaffold(Path root) {
		this.root = root;
	}

	/**
	 * Creates the service, its first role given to {@value #DEFAULT_PERSONA} (when the
	 * realm has that persona); the paths of the files written or changed.
	 * @param roles one role (reads and writes) or two (reads, writes)
	 * @param calls services it calls with its own client credentials token
	 */
	public List<String> create(String name, List<String> roles, List<String> calls) {
		Map<String, List<String>> grants = (!roles.isEmpty()
				&& description().realm().personas().containsKey(DEFAULT_PERSONA))
						? Map.of(DEFAULT_PERSONA, List.of(roles.get(0))) : Map.of();
		return create(name, roles, calls, grants);
	}

	/**
	 * Creates the service; the paths of the files written or changed.
	 * @param roles one role (reads and writes) or two (reads, writes)
	 * @param calls services it calls with its own client credentials token
	 * @param grants persona or client (with a service account in the realm files) to the
	 * new roles it gets
	 */
	public List<String> create(String name, List<String> roles, List<String> calls, Map<String, List<String>> grants) {
		PlatformDescription description = description();
		if (!NAME.matcher(name).matches()) {
			throw new PlatformDescriptionException("The name must look like claims-service: lower case words joined"
					+ " by dashes, ending in -service; got '" + name + "'");
		}
		if (description.services().containsKey(name) || Files.exists(this.root.resolve(name))) {
			throw new PlatformDescriptionException(
					name + " exists already (gatehouse.yaml or the folder " + name + ")");
		}
		if (roles.isEmpty() || roles.size() > 2 || !roles.stream().allMatch((role) -> ROLE.matcher(role).matches())) {
			throw new PlatformDescriptionException(
					"--roles takes one role (reads and writes) or two (reads, writes), like claim:read,claim:write; got "
							+ roles);
		}
		for (String called : calls) {
			if (!description.services().containsKey(called)) {
				throw new PlatformDescriptionException(
						"--calls " + called + ": no such service in gatehouse.yaml " + description.services().keySet());
			}
		}
		checkGrants(roles, grants, description);
		List<String> clientRoles = clientRoles(name, calls, description);
		List<String> described = lines(PlatformDescription.FILE);
		List<String> clientAccess = clientAccess(name, clientRoles, described, description);
		Map<String, String> values = values(name, roles, description);
		int views = YamlText.find(described, "  views:", YamlText.find(described, "authorization:", 0));
		if (described.subList(views, YamlText.end(described, views))
			.stream()
			.anyMatch((line) -> line.startsWith("    " + values.get("entity") + ":"))) {
			throw new PlatformDescriptionException("gatehouse.yaml has a view " + values.get("entity")
					+ " already, the name of " + name + "'s records: choose another service name");
		}
		List<String> changed = new ArrayList<>();
		for (String template : TEMPLATE) {
			String target = name + "/" + substitute(template, values);
			if (target.contains("/src/main/java/") || target.contains("/src/test/java/")) {
				String folder = target.contains("/src/main/java/") ? "/src/main/java/" : "/src/test/java/";
				target = target.replace(folder, folder + "dev/gatehouse/" + values.get("package") + "/");
			}
			write(target, substitute(read("service-template/" + template), values));
			if (target.endsWith(".java")) {
				format(this.root.resolve(target));
			}
			changed.add(target + " (new)");
		}
		editDescription(name, roles, calls, grants, values, description, clientRoles, clientAccess);
		changed.add(PlatformDescription.FILE);
		editLines("pom.xml", "    <module>"
				+ description.serviceList().get(description.serviceList().size() - 1).module() + "</module>",
				"    <module>" + name + "</module>");
		changed.add("pom.xml");
		changed.addAll(PlatformFiles.write(this.root));
		return changed;
	}

	/** Removes a service new-service made; the paths removed or changed. */
	public List<String> remove(String name) {
		PlatformDescription description = description();
		Service service = description.services().get(name);
		if (service == null) {
			throw new PlatformDescriptionException("No service " + name + " in gatehouse.yaml");
		}
		for (Service other : description.serviceList()) {
			if (other.calls().contains(name)) {
				throw new PlatformDescriptionException(other.name() + " calls " + name + ": remove that first");
			}
		}
		List<String> lines = lines(PlatformDescription.FILE);
		int services = YamlText.find(lines, "services:", 0);
		remove(lines, YamlText.find(lines, "  " + name + ":", services));
		int authorization = YamlText.find(lines, "authorization:", 0);
		int routes = YamlText.find(lines, "  routes:", authorization);
		for (int i = YamlText.end(lines, routes) - 1; i > routes; i--) {
			if (lines.get(i).equals("      service: " + name)) {
				int item = i;
				while (!lines.get(item).startsWith("    - ")) {
					item--;
				}
				remove(lines, item);
				i = item;
			}
		}
		int endpoints = YamlText.find(lines, "  services:", authorization);
		remove(lines, YamlText.find(lines, "    " + name + ":", endpoints));
		int views = YamlText.find(lines, "  views:", authorization);
		String view = "    " + values(name, List.of("role"), description).get("entity")
				+ ": [id, owner, title, createdAt]";
		int viewLine = lines.indexOf(view);
		if (viewLine > views && viewLine < YamlText.end(lines, views)) {
			lines.remove(viewLine);
		}
		if (!description.realm().isEmpty()) {
			int permissions = YamlText.find(lines, "  permissions:", YamlText.find(lines, "realm:", 0));
			int entry = lines.indexOf("    " + name + ":");
			if (entry > permissions && entry < YamlText.end(lines, permissions)) {
				remove(lines, entry);
			}
		}
		if (service.client() != null) {
			removeClient(lines, service.client());
			RealmRoles.removeServiceClient(this.root, service.client());
		}
		writeLines(PlatformDescription.FILE, lines);
		List<String> changed = new ArrayList<>(List.of(PlatformDescription.FILE));
		removeLine("pom.xml", "    <module>" + service.module() + "</module>");
		changed.add("pom.xml");
		delete(this.root.resolve(service.module()));
		delete(this.root.resolve(KubernetesService.path(service)));
		changed.add(service.module() + "/ (removed)");
		changed.add(KubernetesService.path(service) + " (removed)");
		changed.addAll(PlatformFiles.write(this.root));
		return changed;
	}

	private static Map<String, String> values(String name, List<String> roles, PlatformDescription description) {
		String shortName = name.substring(0, name.length() - "-service".length());
		String[] words = shortName.split("-");
		String last = words[words.length - 1];
		words[words.length - 1] = (last.length() > 3 && last.endsWith("s")) ? last.substring(0, last.length() - 1)
				: last;
		StringBuilder entity = new StringBuilder();
		StringBuilder service = new StringBuilder();
		for (String word : words) {
			entity.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		for (String word : shortName.split("-")) {
			service.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("name", name);
		values.put("short", shortName);
		values.put("package", shortName.replace("-", ""));
		values.put("Entity", entity.toString());
		values.put("entity", entity.toString().toLowerCase(Locale.ROOT));
		values.put("Service", service + "Service");
		values.put("database", shortName.replace('-', '_'));
		values.put("PREFIX", shortName.toUpperCase(Locale.ROOT).replace('-', '_'));
		values.put("readRole", roles.get(0));
		values.put("writeRole", roles.get(roles.size() - 1));
		int port = description.serviceList().stream().mapToInt(Service::port).max().orElse(8080) + 1;
		int managementPort = description.serviceList().stream().mapToInt(Service::managementPort).max().orElse(9080)
				+ 1;
		values.put("port", String.valueOf(port));
		values.put("managementPort", String.valueOf(managementPort));
		return values;
	}

	/**
	 * Refused before anything is written: a role the realm has already, a grant of
	 * another role or to someone the realm does not know.
	 */
	private void checkGrants(List<String> roles, Map<String, List<String>> grants, PlatformDescription description) {
		Realm realm = description.realm();
		for (String role : roles) {
			if (realm.roles().contains(role)) {
				throw new PlatformDescriptionException("--roles " + role + ": gatehouse.yaml's realm has that role"
						+ " already; a new service brings roles of its own");
			}
		}
		if (grants.isEmpty()) {
			return;
		}
		if (realm.isEmpty()) {
			throw new PlatformDescriptionException("--grant: gatehouse.yaml has no realm section to grant roles in");
		}
		Set<String> clients = RealmRoles.serviceAccountClients(this.root);
		grants.forEach((grantee, granted) -> {
			if (!realm.personas().containsKey(grantee) && !clients.contains(grantee)) {
				throw new PlatformDescriptionException(
						"--grant " + grantee + ": not a persona of gatehouse.yaml " + realm.personas().keySet()
								+ " nor a client with a service account in the realm files " + clients);
			}
			if (granted.isEmpty() || !roles.containsAll(granted)) {
				throw new PlatformDescriptionException(
						"--grant " + grantee + "=" + String.join(",", granted) + ": grant some of --roles " + roles);
			}
		});
	}

	private void editDescription(String name, List<String> roles, List<String> calls, Map<String, List<String>> grants,
			Map<String, String> values, PlatformDescription description, List<String> clientRoles,
			List<String> clientAccess) {
		List<String> lines = lines(PlatformDescription.FILE);
		if (!calls.isEmpty()) {
			addClient(lines, name, clientRoles, clientAccess);
		}
		List<String> service = new ArrayList<>(List.of("  " + name + ":", "    module: " + name,
				"    port: " + values.get("port"), "    management-port: " + values.get("managementPort"),
				"    database: " + values.get("database"),
				"    certificate: { subject: \"CN=" + name + ", OU=Gatehouse, O=Gatehouse dev\", usage: "
						+ (calls.isEmpty() ? "server" : "server-and-client") + " }"));
		if (!calls.isEmpty()) {
			service.add("    calls: [" + String.join(", ", calls) + "]");
			service.add("    client: " + name);
		}
		int services = YamlText.find(lines, "services:", 0);
		lines.addAll(YamlText.end(lines, services), service);
		if (!description.realm().isEmpty()) {
			int permissions = YamlText.find(lines, "  permissions:", YamlText.find(lines, "realm:", 0));
			lines.addAll(YamlText.end(lines, permissions),
					permissions(name, roles, grants, description.realm().personas().keySet()));
		}
		int authorization = YamlText.find(lines, "authorization:", 0);
		int routes = YamlText.find(lines, "  routes:", authorization);
		String path = "/api/" + values.get("short");
		lines.addAll(YamlText.end(lines, routes),
				List.of("    - id: " + values.get("short"), "      paths: [" + path + ", " + path + "/**]",
						"      credentials: [user-token, client-token, certificate-bound-token, dpop-bound-token]",
						"      service: " + name, "      rate-limit: standard"));
		int views = YamlText.find(lines, "  views:", authorization);
		lines.add(YamlText.end(lines, views), "    " + values.get("entity") + ": [id, owner, title, createdAt]");
		List<String> callers = new ArrayList<>();
		int callerSection = YamlText.find(lines, "  callers:", authorization);
		for (int i = callerSection + 1; i < YamlText.end(lines, callerSection); i++) {
			String line = lines.get(i);
			if (YamlText.indent(line) == 4 && !line.strip().startsWith("#") && line.contains(":")) {
				callers.add(line.strip().substring(0, line.strip().indexOf(':')));
			}
		}
		String readers = "[" + String.join(", ", roles) + "]";
		List<String> endpoints = new ArrayList<>(List.of("    " + name + ":"));
		if (grants.isEmpty()) {
			endpoints
				.add("      # Nobody holds these roles yet: every caller is refused until realm.permissions gives");
			endpoints.add("      # them to a persona or client, and the access below says what that caller then gets.");
		}
		else {
			endpoints.add("      # realm.permissions gives these roles to " + String.join(", ", grants.keySet())
					+ "; the access below is what");
			endpoints.add("      # each kind of caller gets with them (change both together).");
		}
		endpoints.add("      endpoints:");
		String readRole = roles.get(0);
		String writeRole = roles.get(roles.size() - 1);
		String entity = values.get("entity");
		Map<String, String> reads = new LinkedHashMap<>();
		Map<String, String> creates = new LinkedHashMap<>();
		for (String caller : callers) {
			List<String> held = grants.getOrDefault(caller, List.of());
			reads.put(caller, held.isEmpty() ? "403" : "{ status: 200, scope: "
					+ (held.contains(readRole) ? "all" : "own") + ", view: " + entity + " }");
			creates.put(caller, held.contains(writeRole) ? "{ status: 201, view: " + entity + " }" : "403");
		}
		endpoints.addAll(endpoint("GET", path, readers, "list: " + entity, reads));
		endpoints.addAll(endpoint("GET", path + "/{id}", readers, "object: " + entity, reads));
		endpoints.addAll(endpoint("POST", path, "[" + writeRole + "]", "body: { title: Matrix Row }", creates));
		int authorizationServices = YamlText.find(lines, "  services:", authorization);
		lines.addAll(YamlText.end(lines, authorizationServices), endpoints);
		writeLines(PlatformDescription.FILE, lines);
	}

	/**
	 * The roles the client of a service that calls others holds: of each service it
	 * calls, the first permission realm.permissions lists (the reading one, as
	 * new-service writes them). Refused when a called service has none to give.
	 */
	private static List<String> clientRoles(String name, List<String> calls, PlatformDescription description) {
		List<String> held = new ArrayList<>();
		if (description.realm().isEmpty()) {
			return held;
		}
		for (String called : calls) {
			Permission read = description.realm()
				.permissions()
				.stream()
				.filter((permission) -> permission.service().equals(called))
				.findFirst()
				.orElseThrow(() -> new PlatformDescriptionException(
						"--calls " + called + ": gatehouse.yaml's" + " realm.permissions declares no role of " + called
								+ " for " + name + "'s client to hold; declare " + called + "'s roles there first"));
			held.add(read.name());
		}
		return held;
	}

	/**
	 * What the new client gets from every endpoint declared so far, in their order:
	 * refused (403) where it holds none of the endpoint's roles, otherwise what an
	 * existing token caller holding the same of them gets. Refused, naming the endpoint,
	 * when no caller does: its access is then for the person to declare.
	 */
	private static List<String> clientAccess(String name, List<String> held, List<String> lines,
			PlatformDescription description) {
		List<String> access = new ArrayList<>();
		Map<String, Set<String>> holders = tokenCallerRoles(lines, description);
		int authorization = YamlText.find(lines, "authorization:", 0);
		int services = YamlText.find(lines, "  services:", authorization);
		for (int i = services + 1; i < YamlText.end(lines, services); i++) {
			if (!lines.get(i).startsWith("        - method: ")) {
				continue;
			}
			int end = YamlText.end(lines, i);
			Set<String> required = new LinkedHashSet<>();
			Map<String, String> answers = new LinkedHashMap<>();
			int accessLine = -1;
			for (int j = i + 1; j < end; j++) {
				String line = lines.get(j);
				if (line.startsWith("          any-authority: ")) {
					required.addAll(list(line.substring("          any-authority: ".length())));
				}
				else if (line.equals("          access:")) {
					accessLine = j;
				}
				else if (accessLine >= 0 && YamlText.indent(line) == 12 && line.contains(":")) {
					String entry = line.strip();
					answers.put(entry.substring(0, entry.indexOf(':')),
							entry.substring(entry.indexOf(':') + 1).strip());
				}
			}
			Set<String> granted = new LinkedHashSet<>(held);
			granted.retainAll(required);
			String endpoint = lines.get(i).strip().substring("- method: ".length()) + " "
					+ lines.get(i + 1).strip().substring("path: ".length());
			String answer = "403";
			if (!granted.isEmpty()) {
				answer = holders.entrySet()
					.stream()
					.filter((holder) -> answers.containsKey(holder.getKey()))
					.filter((holder) -> {
						Set<String> theirs = new LinkedHashSet<>(holder.getValue());
						theirs.retainAll(required);
						return theirs.equals(granted);
					})
					.map((holder) -> answers.get(holder.getKey()))
					.findFirst()
					.orElseThrow(() -> new PlatformDescriptionException(
							"--calls: " + name + "'s client would hold " + granted + " of " + endpoint
									+ " and no caller in authorization.callers holds just those to say what it gets;"
									+ " grant them to a persona or client first"));
			}
			access.add(answer);
		}
		return access;
	}

	/**
	 * The roles of each kind of caller that presents its own token: a client's service
	 * account's permissions, a person's persona roles and their permissions.
	 */
	private static Map<String, Set<String>> tokenCallerRoles(List<String> lines, PlatformDescription description) {
		Realm realm = description.realm();
		Map<String, Set<String>> roles = new LinkedHashMap<>();
		int callers = YamlText.find(lines, "  callers:", YamlText.find(lines, "authorization:", 0));
		for (int i = callers + 1; i < YamlText.end(lines, callers); i++) {
			Matcher caller = CALLER.matcher(lines.get(i));
			if (!caller.matches()) {
				continue;
			}
			Set<String> held = new LinkedHashSet<>();
			for (String member : list(caller.group(3))) {
				if (caller.group(2).equals("client-token")) {
					held.addAll(realm.permissionsOfClient(member));
				}
				else if (caller.group(2).equals("user-token")) {
					for (String persona : realm.users().getOrDefault(member, List.of())) {
						held.add(persona);
						held.addAll(realm.permissionsOfPersona(persona));
					}
				}
			}
			if (caller.group(2).equals("client-token") || caller.group(2).equals("user-token")) {
				roles.put(caller.group(1), held);
			}
		}
		return roles;
	}

	/**
	 * The client of a service that calls others, in the description: its roles in
	 * realm.permissions, a client-token caller, and its access line in every endpoint
	 * declared before it.
	 */
	private static void addClient(List<String> lines, String name, List<String> clientRoles,
			List<String> clientAccess) {
		if (!clientRoles.isEmpty()) {
			int permissions = YamlText.find(lines, "  permissions:", YamlText.find(lines, "realm:", 0));
			for (int i = permissions + 1; i < YamlText.end(lines, permissions); i++) {
				String line = lines.get(i);
				for (String role : clientRoles) {
					if (line.startsWith("      " + role + ": {")) {
						int clients = line.indexOf("clients: [");
						lines.set(i,
								(clients >= 0)
										? line.substring(0, line.indexOf(']', clients)) + ", " + name
												+ line.substring(line.indexOf(']', clients))
										: line.substring(0, line.lastIndexOf(" }")) + ", clients: [" + name + "] }");
					}
				}
			}
		}
		int authorization = YamlText.find(lines, "authorization:", 0);
		int callers = YamlText.find(lines, "  callers:", authorization);
		lines.add(YamlText.end(lines, callers),
				"    " + padded(name) + "{ credential: client-token, members: [" + name + "] }");
		int services = YamlText.find(lines, "  services:", authorization);
		List<Integer> endpoints = new ArrayList<>();
		for (int i = services + 1; i < YamlText.end(lines, services); i++) {
			if (lines.get(i).startsWith("        - method: ")) {
				endpoints.add(i);
			}
		}
		for (int n = Math.min(endpoints.size(), clientAccess.size()) - 1; n >= 0; n--) {
			lines.add(YamlText.end(lines, endpoints.get(n)), "            " + padded(name) + clientAccess.get(n));
		}
	}

	/** Undoes {@link #addClient}. */
	private static void removeClient(List<String> lines, String name) {
		int permissions = YamlText.find(lines, "  permissions:", YamlText.find(lines, "realm:", 0));
		for (int i = permissions + 1; i < YamlText.end(lines, permissions); i++) {
			lines.set(i, lines.get(i).replace(", clients: [" + name + "] }", " }").replace(", " + name + "]", "]"));
		}
		String entry = "    " + padded(name);
		String access = "            " + padded(name);
		lines.removeIf((line) -> line.startsWith(entry + "{ credential: ") || line.startsWith(access));
	}

	/** A caller's name as the callers and access lines align it. */
	private static String padded(String name) {
		return String.format("%-20s", name + ":") + " ";
	}

	private static List<String> list(String flow) {
		String inner = flow.strip();
		inner = inner.substring(inner.indexOf('[') + 1, inner.lastIndexOf(']'));
		return Arrays.stream(inner.split(",")).map(String::strip).filter((item) -> !item.isEmpty()).toList();
	}

	/**
	 * @param about what {id}, a list or a body is (the end-to-end matrix reads it)
	 */
	private static List<String> endpoint(String method, String path, String roles, String about,
			Map<String, String> access) {
		List<String> lines = new ArrayList<>(List.of("        - method: " + method, "          path: " + path,
				"          any-authority: " + roles, "          " + about, "          access:"));
		access.forEach((caller, answer) -> lines.add("            " + caller + ": " + answer));
		return lines;
	}

	/**
	 * The service's entry in realm.permissions: each role, what it allows, and the
	 * personas and clients granted it.
	 */
	private static List<String> permissions(String name, List<String> roles, Map<String, List<String>> grants,
			Set<String> personas) {
		List<String> lines = new ArrayList<>(List.of("    " + name + ":"));
		for (String role : roles) {
			String allows;
			if (roles.size() == 1) {
				allows = "Read and create records of " + name;
			}
			else if (role.equals(roles.get(0))) {
				allows = "Read every record of " + name;
			}
			else {
				allows = "Create records of " + name + " and read one's own";
			}
			List<String> holders = grants.entrySet()
				.stream()
				.filter((grant) -> grant.getValue().contains(role))
				.map(Map.Entry::getKey)
				.toList();
			List<String> toPersonas = holders.stream().filter(personas::contains).toList();
			List<String> toClients = holders.stream().filter((holder) -> !personas.contains(holder)).toList();
			StringBuilder line = new StringBuilder("      " + role + ": { description: \"" + allows + "\"");
			if (!toPersonas.isEmpty()) {
				line.append(", personas: [").append(String.join(", ", toPersonas)).append("]");
			}
			if (!toClients.isEmpty()) {
				line.append(", clients: [").append(String.join(", ", toClients)).append("]");
			}
			lines.add(line.append(" }").toString());
		}
		return lines;
	}

	private PlatformDescription description() {
		return PlatformDescription.load(this.root.resolve(PlatformDescription.FILE));
	}

	private static void remove(List<String> lines, int start) {
		lines.subList(start, YamlText.end(lines, start)).clear();
	}

	private void editLines(String file, String after, String line) {
		List<String> lines = lines(file);
		int at = lines.indexOf(after);
		if (at < 0) {
			throw new PlatformDescriptionException(
					file + " has no line '" + after.strip() + "' to add " + line.strip() + " after");
		}
		lines.add(at + 1, line);
		writeLines(file, lines);
	}

	private void removeLine(String file, String line) {
		List<String> lines = lines(file);
		lines.remove(line);
		writeLines(file, lines);
	}

	private List<String> lines(String file) {
		try {
			return new ArrayList<>(Files.readAllLines(this.root.resolve(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private void writeLines(String file, List<String> lines) {
		write(file, String.join("\n", lines) + "\n");
	}

	private void write(String file, String content) {
		try {
			Path path = this.root.resolve(file);
			Files.createDirectories(path.getParent());
			Files.writeString(path, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	/**
	 * As spring-javaformat:apply would: line breaks depend on the names substituted. Two
	 * passes, as the formatter settles some wrapped lines only on the second.
	 */
	static void format(Path file) {
		FileFormatter formatter = new FileFormatter();
		for (int pass = 0; pass < 2; pass++) {
			FileEdit edit = formatter.formatFile(file.toFile(), StandardCharsets.UTF_8);
			if (edit.hasEdits()) {
				edit.save();
			}
		}
	}

	private static String substitute(String text, Map<String, String> values) {
		String result = text;
		for (Map.Entry<String, String> value : values.entrySet()) {
			result = result.replace("${" + value.getKey() + "}", value.getValue());
		}
		return result;
	}

	private static String read(String resource) {
		try (InputStream in = ServiceScaffold.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("The template has no " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the template " + resource, ex);
		}
	}

	private static void delete(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try {
			Files.walkFileTree(path, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
					Files.delete(dir);
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + path, ex);
		}
	}

}
