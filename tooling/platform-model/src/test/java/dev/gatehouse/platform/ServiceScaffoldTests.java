package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * new-service and remove-service on a copy of the files they read and write: what a new
 * service brings, how few hand-written lines it touches, and that removing it restores
 * every file. The CI stage template builds such a service and runs its tests. A name no
 * service of this repository has, so that the test holds after one is added.
 */
class ServiceScaffoldTests {

	static final List<String> HAND_WRITTEN = List.of("pom.xml");

	@TempDir
	Path copy;

	Map<String, String> before;

	@BeforeEach
	void copyTheRepositorysFiles() throws IOException {
		List<String> files = new ArrayList<>(HAND_WRITTEN);
		files.add(PlatformDescription.FILE);
		files.addAll(PlatformFiles.expected(Repository.ROOT).keySet());
		for (String file : files) {
			Path target = this.copy.resolve(file);
			Files.createDirectories(target.getParent());
			Files.copy(Repository.ROOT.resolve(file), target);
		}
		this.before = snapshot();
	}

	@Test
	void newServiceAddsAModuleItsDescriptionEveryGeneratedFileAndSectionAndOneHandWrittenLine() throws IOException {
		PlatformDescription existing = PlatformDescription.load(this.copy.resolve(PlatformDescription.FILE));
		int port = existing.serviceList().stream().mapToInt(PlatformDescription.Service::port).max().orElseThrow() + 1;
		int managementPort = existing.serviceList()
			.stream()
			.mapToInt(PlatformDescription.Service::managementPort)
			.max()
			.orElseThrow() + 1;
		new ServiceScaffold(this.copy).create("tickets-service", List.of("ticket:read", "ticket:write"), List.of());

		assertThat(this.copy.resolve("tickets-service/src/main/java/dev/gatehouse/tickets/TicketController.java"))
			.content()
			.contains("@RequestMapping(\"/api/tickets\")", "READ_ROLE = \"ticket:read\"");
		assertThat(this.copy.resolve("tickets-service/src/test/java/dev/gatehouse/tickets/TicketRoleMatrixTests.java"))
			.content()
			.contains("READ_ROLE = \"ticket:read\"", "WRITE_ROLE = \"ticket:write\"");
		assertThat(this.copy.resolve("tickets-service/src/main/resources/db/migration/V1__ticket.sql")).content()
			.contains("CREATE TABLE ticket (");
		assertThat(this.copy.resolve("tickets-service/src/main/resources/gatehouse-generated.yaml")).content()
			.contains("name: tickets-service", "port: " + port, "port: " + managementPort, "- ticket:write");
		assertThat(this.copy.resolve("k8s/base/tickets-service.yaml")).exists();

		PlatformDescription description = PlatformDescription.load(this.copy.resolve(PlatformDescription.FILE));
		assertThat(description.services()).containsKey("tickets-service");
		assertThat(description.routes())
			.anySatisfy((route) -> assertThat(route.service()).isEqualTo("tickets-service"));
		assertThat(description.endpoints("tickets-service"))
			.extracting((endpoint) -> endpoint.method() + " " + endpoint.path() + " " + endpoint.anyAuthority())
			.containsExactly("GET /api/tickets [ticket:read, ticket:write]",
					"GET /api/tickets/{id} [ticket:read, ticket:write]", "POST /api/tickets [ticket:write]");
		assertThat(PlatformFiles.outdated(this.copy)).isEmpty();
		assertThat(this.copy.resolve("gateway/src/main/resources/gatehouse-generated.yaml")).content()
			.contains("uri: \"${gatehouse.backends.tickets-service}\"", "pattern: /api/tickets/*");

		assertThat(this.copy.resolve("docker-compose.yml")).content()
			.contains("  tickets-service:\n", "      TICKETS_DB_URL: jdbc:postgresql://postgres:5432/tickets\n",
					"  GATEHOUSE_BACKENDS_TICKETSSERVICE: https://tickets-service:" + port + "\n");
		assertThat(this.copy.resolve("deploy/postgres/init-databases.sh")).content()
			.contains("create tickets \"$TICKETS_DB_PASSWORD\" tickets\n");
		assertThat(this.copy.resolve("k8s/base/kustomization.yaml")).content().contains("  - tickets-service.yaml\n");

		Map<String, String> after = snapshot();
		for (String file : HAND_WRITTEN) {
			assertThat(changedLines(this.before.get(file), after.get(file))).as(file).isEqualTo(1);
		}
		for (String file : PlatformFiles.sections(description).keySet()) {
			assertThat(outsideSections(after.get(file))).as("hand-written lines of %s", file)
				.isEqualTo(outsideSections(this.before.get(file)));
		}
	}

	@Test
	void removeServiceLeavesEveryFileAsItWas() throws IOException {
		new ServiceScaffold(this.copy).create("tickets-service", List.of("ticket:read", "ticket:write"),
				List.of("customer-service"));
		assertThat(this.copy.resolve(PlatformDescription.FILE)).content()
			.contains("    calls: [customer-service]\n    client: tickets-service\n");

		new ServiceScaffold(this.copy).remove("tickets-service");

		assertThat(snapshot()).isEqualTo(this.before);
		assertThat(this.copy.resolve("tickets-service")).doesNotExist();
	}

	@Test
	void byDefaultTheAgentPersonaGetsTheReadingRoleAndTheRealmAndTheAccessFollow() throws IOException {
		List<String> agentsRoles = new ArrayList<>(composites(json(RealmRoles.BASE), "agent"));
		agentsRoles.add("ticket:read");
		new ServiceScaffold(this.copy).create("tickets-service", List.of("ticket:read", "ticket:write"), List.of());

		assertThat(this.copy.resolve(PlatformDescription.FILE)).content()
			.contains("    tickets-service:\n"
					+ "      ticket:read: { description: \"Read every record of tickets-service\", personas: [agent] }\n"
					+ "      ticket:write: { description: \"Create records of tickets-service and read one's own\" }\n",
					"      # realm.permissions gives these roles to agent; the access below is what\n");
		List<String> access = accessLines("GET /api/tickets/{id}");
		assertThat(access).contains("agent: { status: 200, scope: all, view: ticket }", "auditor: 403",
				"reporting-batch: 403");
		assertThat(accessLines("POST /api/tickets")).contains("agent: 403");
		JsonNode realm = json(RealmRoles.BASE);
		assertThat(roleNames(realm)).contains("ticket:read", "ticket:write");
		assertThat(composites(realm, "agent")).containsExactlyElementsOf(agentsRoles);
		assertThat(scopeMapping(realm, "gatehouse-web")).contains("ticket:read", "ticket:write");
		assertThat(PlatformFiles.outdated(this.copy)).isEmpty();
	}

	@Test
	void grantedPersonasAndClientsGetTheRolesInTheRealmAndTheirAccessAndRemovingUndoesIt() throws IOException {
		Map<String, List<String>> grants = new LinkedHashMap<>();
		grants.put("agent", List.of("ticket:read", "ticket:write"));
		grants.put("reporting-batch", List.of("ticket:read"));
		grants.put("customer", List.of("ticket:write"));
		new ServiceScaffold(this.copy).create("tickets-service", List.of("ticket:read", "ticket:write"), List.of(),
				grants);

		assertThat(this.copy.resolve(PlatformDescription.FILE)).content()
			.contains("      ticket:read: { description: \"Read every record of tickets-service\", personas: [agent],"
					+ " clients: [reporting-batch] }\n");
		assertThat(accessLines("GET /api/tickets")).contains("agent: { status: 200, scope: all, view: ticket }",
				"customer: { status: 200, scope: own, view: ticket }",
				"reporting-batch: { status: 200, scope: all, view: ticket }", "underwriter: 403");
		assertThat(accessLines("POST /api/tickets")).contains("agent: { status: 201, view: ticket }",
				"customer: { status: 201, view: ticket }", "reporting-batch: 403");
		assertThat(this.copy.resolve(PlatformDescription.FILE)).content()
			.contains("    ticket: [id, owner, title, createdAt]\n", "          list: ticket\n",
					"          object: ticket\n", "          body: { title: Matrix Row }\n");
		JsonNode realm = json(RealmRoles.BASE);
		assertThat(composites(realm, "agent")).contains("ticket:read", "ticket:write");
		assertThat(composites(realm, "customer")).containsExactly("ticket:write");
		assertThat(serviceAccountRoles(realm, "reporting-batch")).containsExactly("customer:read", "policy:read",
				"ticket:read");
		assertThat(scopeMapping(realm, "reporting-batch")).containsExactly("customer:read", "policy:read",
				"ticket:read");
		assertThat(PlatformFiles.outdated(this.copy)).isEmpty();

		new ServiceScaffold(this.copy).remove("tickets-service");

		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void aServiceThatCallsAnotherGetsItsClientHoldingTheCalledServicesReadingRoleItsSecretsAndItsAccess()
			throws IOException {
		new ServiceScaffold(this.copy).create("tickets-service", List.of("ticket:read", "ticket:write"),
				List.of("customer-service"));

		assertThat(this.copy.resolve(PlatformDescription.FILE)).content()
			// after the callers the tree has (CI's copy has one more service calling
			// customer-service)
			.containsPattern("clients: \\[reporting-batch, policy-service(, [a-z-]+)*, tickets-service\\] }\n")
			.contains("    tickets-service:     { credential: client-token, members: [tickets-service] }\n");
		assertThat(accessLines("customer-service", "GET /api/customers/{id}"))
			.contains("tickets-service:     { status: 200, scope: all, view: customer }");
		assertThat(accessLines("customer-service", "POST /api/customers")).contains("tickets-service:     403");
		assertThat(accessLines("policy-service", "GET /api/policies")).contains("tickets-service:     403");
		assertThat(accessLines("tickets-service", "GET /api/tickets")).contains("tickets-service: 403");

		JsonNode realm = json(RealmRoles.BASE);
		JsonNode client = client(realm, "tickets-service");
		JsonNode policyService = client(realm, "policy-service");
		assertThat(client.path("secret").asString()).isEqualTo("${TICKETS_SERVICE_CLIENT_SECRET}");
		assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
		assertThat(client.path("fullScopeAllowed").asBoolean()).isFalse();
		assertThat(client.path("defaultClientScopes")).isEqualTo(policyService.path("defaultClientScopes"));
		assertThat(client.propertyNames()).containsExactlyElementsOf(policyService.propertyNames());
		assertThat(serviceAccountRoles(realm, "tickets-service")).containsExactly("customer:read");
		assertThat(scopeMapping(realm, "tickets-service")).containsExactly("customer:read");
		assertThat(client(json(RealmRoles.DEMO), "tickets-service").path("secret").asString())
			.isEqualTo("tickets-service-secret");
		assertThat(this.copy.resolve("auth-server-config/realm-generated.txt")).content()
			.contains("  tickets-service (tickets-service, calls customer-service): secret"
					+ " ${TICKETS_SERVICE_CLIENT_SECRET}\n");

		assertThat(this.copy.resolve("docker-compose.yml")).content()
			.contains("      GATEHOUSE_REALMAPPLY_REALMDIRECTORY: /realm\n")
			.satisfies((compose) -> assertThat(compose.split("\n  [a-z-]+:\n"))
				.filteredOn((block) -> block.contains("GATEHOUSE_REALMAPPLY_REALMDIRECTORY")
						|| block.contains("TICKETS_DB_URL"))
				.hasSize(2)
				.allSatisfy((block) -> assertThat(block).contains(
						"      TICKETS_SERVICE_CLIENT_SECRET: ${TICKETS_SERVICE_CLIENT_SECRET:-tickets-service-secret}\n")));
		assertThat(this.copy.resolve(".env.example")).content()
			.contains("TICKETS_SERVICE_CLIENT_SECRET=tickets-service-secret\n");
		String secretFromItsSecret = """
				            - name: TICKETS_SERVICE_CLIENT_SECRET
				              valueFrom:
				                secretKeyRef:
				                  name: gatehouse-tickets-service-client
				                  key: client-secret
				""";
		assertThat(this.copy.resolve("k8s/base/realm-apply.yaml")).content().contains(secretFromItsSecret);
		assertThat(this.copy.resolve("k8s/base/tickets-service.yaml")).content().contains(secretFromItsSecret);
		assertThat(this.copy.resolve("k8s/overlays/prod/service-secrets.yaml")).content()
			.contains("  name: gatehouse-tickets-service-client\n",
					"        key: gatehouse/tickets-service-client-secret\n")
			.doesNotContain("tickets-service-secret\n");
		assertThat(PlatformFiles.outdated(this.copy)).isEmpty();
		String admitsTickets = "      - \"CN=tickets-service, OU=Gatehouse, O=Gatehouse dev\"\n";
		assertThat(this.copy.resolve("customer-service/src/main/resources/gatehouse-generated.yaml")).content()
			.contains("      on-profile: secure\n", admitsTickets);
		assertThat(this.copy.resolve("policy-service/src/main/resources/gatehouse-generated.yaml")).content()
			.doesNotContain(admitsTickets);
		assertThat(this.copy.resolve("tickets-service/src/main/resources/application-secure.yaml")).content()
			.contains("alias: tickets-service\n", "location: file:${gatehouse.tls.directory}/tickets-service.p12\n",
					"client-auth: need\n");

		new ServiceScaffold(this.copy).remove("tickets-service");

		assertThat(snapshot()).isEqualTo(this.before);
		assertThat(this.copy.resolve("customer-service/src/main/resources/gatehouse-generated.yaml")).content()
			.doesNotContain(admitsTickets);
	}

	@Test
	void callingAServiceWhoseReadingRoleNoCallerHoldsIsRefusedNamingTheEndpointBeforeAnythingIsWritten()
			throws IOException {
		ServiceScaffold scaffold = new ServiceScaffold(this.copy);
		scaffold.create("tickets-service", List.of("ticket:read", "ticket:write"), List.of(), Map.of());
		Map<String, String> withTickets = snapshot();

		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> scaffold.create("notes-service", List.of("note:read"), List.of("tickets-service")))
			.withMessageContaining("notes-service's client would hold [ticket:read] of GET /api/tickets")
			.withMessageContaining("grant them to a persona or client first");
		assertThat(snapshot()).isEqualTo(withTickets);
	}

	@Test
	void aGrantToSomeoneTheRealmDoesNotKnowOrOfAnotherRoleOrAnExistingRoleIsRefusedBeforeAnythingIsWritten()
			throws IOException {
		ServiceScaffold scaffold = new ServiceScaffold(this.copy);
		List<String> roles = List.of("ticket:read", "ticket:write");
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(
					() -> scaffold.create("tickets-service", roles, List.of(), Map.of("clerk", List.of("ticket:read"))))
			.withMessageContaining("--grant clerk: not a persona of gatehouse.yaml")
			.withMessageContaining("reporting-batch");
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(
					() -> scaffold.create("tickets-service", roles, List.of(), Map.of("agent", List.of("policy:read"))))
			.withMessageContaining("--grant agent=policy:read: grant some of --roles [ticket:read, ticket:write]");
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> scaffold.create("tickets-service", List.of("customer:read"), List.of()))
			.withMessageContaining("--roles customer:read: gatehouse.yaml's realm has that role already");
		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void aNameThatIsNotLowerCaseWordsEndingInServiceIsRefused() {
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new ServiceScaffold(this.copy).create("Claims", List.of("ticket:read"), List.of()))
			.withMessageContaining("must look like claims-service");
	}

	@Test
	void anExistingServiceIsNotOverwritten() {
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(
					() -> new ServiceScaffold(this.copy).create("customer-service", List.of("ticket:read"), List.of()))
			.withMessageContaining("customer-service exists already");
	}

	@Test
	void callingAnUnknownServiceIsRefused() {
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new ServiceScaffold(this.copy).create("tickets-service", List.of("ticket:read"),
					List.of("billing-service")))
			.withMessageContaining("--calls billing-service: no such service");
	}

	private Map<String, String> snapshot() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		try (Stream<Path> paths = Files.walk(this.copy)) {
			for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
				files.put(this.copy.relativize(path).toString(), Files.readString(path));
			}
		}
		return files;
	}

	/** The lines of a file outside its generated sections. */
	private static List<String> outsideSections(String text) {
		List<String> lines = new ArrayList<>();
		boolean generated = false;
		for (String line : text.lines().toList()) {
			if (line.strip().startsWith("# <<< generated ")) {
				generated = false;
			}
			if (!generated) {
				lines.add(line);
			}
			if (line.strip().startsWith("# >>> generated ")) {
				generated = true;
			}
		}
		return lines;
	}

	/** The access lines of the new service's endpoint, stripped, e.g. "agent: 403". */
	private List<String> accessLines(String endpoint) throws IOException {
		return accessLines("tickets-service", endpoint).stream().map((line) -> line.replaceAll(": +", ": ")).toList();
	}

	/** The access lines of a service's endpoint, stripped of their indentation. */
	private List<String> accessLines(String service, String endpoint) throws IOException {
		String[] methodAndPath = endpoint.split(" ");
		List<String> lines = Files.readAllLines(this.copy.resolve(PlatformDescription.FILE));
		int services = lines.indexOf("  services:");
		int start = services + lines.subList(services, lines.size()).indexOf("    " + service + ":");
		for (int i = start; i < lines.size() - 1; i++) {
			if (lines.get(i).equals("        - method: " + methodAndPath[0])
					&& lines.get(i + 1).equals("          path: " + methodAndPath[1])) {
				return lines.subList(i + 5, lines.size())
					.stream()
					.takeWhile((line) -> line.startsWith("            "))
					.map(String::strip)
					.toList();
			}
		}
		throw new AssertionError("no endpoint " + endpoint + " of " + service);
	}

	private JsonNode json(String path) throws IOException {
		return JsonMapper.builder().build().readTree(Files.readString(this.copy.resolve(path)));
	}

	private static JsonNode client(JsonNode realm, String clientId) {
		return realm.path("clients")
			.valueStream()
			.filter((client) -> client.path("clientId").asString().equals(clientId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no client " + clientId));
	}

	private static List<String> roleNames(JsonNode realm) {
		return realm.path("roles").path("realm").valueStream().map((role) -> role.path("name").asString()).toList();
	}

	private static List<String> composites(JsonNode realm, String role) {
		return realm.path("roles")
			.path("realm")
			.valueStream()
			.filter((candidate) -> candidate.path("name").asString().equals(role))
			.flatMap((found) -> found.path("composites").path("realm").valueStream())
			.map(JsonNode::asString)
			.toList();
	}

	private static List<String> scopeMapping(JsonNode realm, String client) {
		return realm.path("scopeMappings")
			.valueStream()
			.filter((mapping) -> mapping.path("client").asString().equals(client))
			.flatMap((mapping) -> mapping.path("roles").valueStream())
			.map(JsonNode::asString)
			.toList();
	}

	private static List<String> serviceAccountRoles(JsonNode realm, String client) {
		return realm.path("users")
			.valueStream()
			.filter((user) -> user.path("serviceAccountClientId").asString("").equals(client))
			.flatMap((user) -> user.path("realmRoles").valueStream())
			.map(JsonNode::asString)
			.toList();
	}

	/** Lines added or removed, for files changed by insertions or deletions only. */
	private static int changedLines(String before, String after) {
		List<String> a = before.lines().toList();
		List<String> b = after.lines().toList();
		int common = 0;
		while (common < Math.min(a.size(), b.size()) && a.get(common).equals(b.get(common))) {
			common++;
		}
		int tail = 0;
		while (tail < Math.min(a.size(), b.size()) - common
				&& a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
			tail++;
		}
		return Math.max(a.size(), b.size()) - common - tail;
	}

}
