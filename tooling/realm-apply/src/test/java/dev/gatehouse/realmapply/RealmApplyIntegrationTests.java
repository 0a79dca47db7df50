package dev.gatehouse.realmapply;

import dev.gatehouse.test.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.keycloak.KeycloakOptions;
import dev.gatehouse.launcher.keycloak.KeycloakServer;
import dev.gatehouse.launcher.token.Jwt;
import dev.gatehouse.launcher.token.TokenClient;
import dev.gatehouse.launcher.token.TokenException;
import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.platform.PlatformFiles;
import dev.gatehouse.platform.ServiceScaffold;
import dev.gatehouse.realm.RealmApply;
import dev.gatehouse.realm.RealmFiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The realm apply against a real Keycloak (the distribution the launcher runs, on free
 * ports), started without any realm: created from the base files, applied again without
 * change, then with the demo data, then with a new role (given to a persona and a new
 * client) while a user's session lives on, and last the realm new-service generates for a
 * service that calls another. The steps build on each other, so they run in order on one
 * Keycloak.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealmApplyIntegrationTests {

	private static final RealmFiles FILES = RealmFiles.fromDirectory(Repository.ROOT.resolve("auth-server-config"));

	/** The realm's name as the files give it (a renamed copy has its own). */
	private static final String REALM = FILES.base().path("realm").asString();

	/**
	 * Stand-ins for what the secret manager holds in production: the contract's clients'
	 * and one for every other variable the realm files name (the client of each service
	 * that calls others).
	 */
	private static final Map<String, String> SECRETS = secretManager();

	private static KeycloakServer keycloak;

	private static RealmApply apply;

	@BeforeAll
	static void startKeycloakWithoutTheRealm() {
		PlatformConfig config = PlatformConfig.defaults(Repository.ROOT)
			.withFreePorts()
			.withStateDir(Path.of("target/realm-apply-it"));
		KeycloakOptions options = config.keycloakOptions();
		keycloak = KeycloakServer.start(new KeycloakOptions(options.version(), options.port(), options.httpsPort(),
				options.managementPort(), options.pki(), null, false, options.workDir(), options.runDirectory(),
				options.startupTimeout(), Map.of()), System.out);
		apply = new RealmApply(keycloak.adminApi());
	}

	@AfterAll
	static void stopKeycloak() {
		if (keycloak != null) {
			keycloak.close();
		}
	}

	@Test
	@Order(1)
	void theBaseRealmIsCreatedWithSecretsFromTheEnvironmentAndNoDemoUser() {
		List<String> changes = apply.apply(FILES.resolve(false, SECRETS::get));

		assertThat(changes).containsExactly("created realm " + REALM);
		JsonNode claims = Jwt.claims(tokens().clientCredentials("reporting-batch", "vault-reporting-1"));
		assertThat(claims.path("realm_access").path("roles").values()).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("customer:read", "policy:read");
		assertThatThrownBy(() -> tokens().clientCredentials("reporting-batch", "reporting-batch-secret"))
			.isInstanceOf(TokenException.class);
		assertThat(admin("/" + REALM + "/users?username=alice&exact=true")).isEmpty();
	}

	@Test
	@Order(2)
	void applyingTheSameRealmAgainChangesNothing() {
		assertThat(apply.apply(FILES.resolve(false, SECRETS::get))).isEmpty();
	}

	@Test
	@Order(3)
	void theDemoProfileAddsTheDemoUsersAndPartnerSystemsAndUsersCanLogIn() {
		List<String> changes = apply.apply(FILES.resolve(true, SECRETS::get));

		// The demo partner systems too; Keycloak gives a service account it creates the
		// default role,
		// which the apply takes away again: the service account has exactly the declared
		// roles.
		assertThat(changes).containsExactly("created client acme-partner",
				"added [policy:read] to scope mappings of client acme-partner",
				"added [policy:read] to service account of client acme-partner",
				"removed [default-roles-" + REALM + "] from service account of client acme-partner",
				"created client acme-dpop", "added [policy:read] to scope mappings of client acme-dpop",
				"added [policy:read] to service account of client acme-dpop",
				"removed [default-roles-" + REALM + "] from service account of client acme-dpop",
				"created groups [acme]", "created users [alice, frank, bob, carol, dave, eve, acme-admin]");
		JsonNode claims = Jwt.claims(keycloak.tokens().user("bob"));
		assertThat(claims.path("sub").asString()).isEqualTo("9a7e0000-0000-4000-8000-000000000003");
		assertThat(claims.path("realm_access").path("roles").values()).extracting(JsonNode::asString)
			.contains("agent", "customer:read", "customer:write", "policy:read")
			// and whatever else the agent persona holds (a generated service's roles)
			.containsExactlyInAnyOrderElementsOf(rolesOf("agent"));
		assertThat(claims.has("partner")).isFalse();
		// The partner administrator's partner comes from its group's attribute.
		JsonNode partnerAdmin = Jwt.claims(keycloak.tokens().user("acme-admin"));
		assertThat(partnerAdmin.path("partner").asString()).isEqualTo("acme");
		assertThat(partnerAdmin.path("realm_access").path("roles").values()).extracting(JsonNode::asString)
			.containsExactly("partner-admin");
		assertThat(apply.apply(FILES.resolve(true, SECRETS::get))).isEmpty();
	}

	@Test
	@Order(4)
	void aNewRoleAndClientReachTheRunningKeycloakWhileUsersAndSessionsStay() {
		keycloak.tokens().user("alice");
		JsonNode aliceBefore = admin("/" + REALM + "/users?username=alice&exact=true").get(0);
		List<String> sessionsBefore = sessions(aliceBefore);
		assertThat(sessionsBefore).isNotEmpty();

		ObjectNode realm = FILES.resolve(true, SECRETS::get);
		((ArrayNode) realm.path("roles").path("realm")).add(RealmFiles.parse("""
				{"name": "claims:read", "description": "Read claims", "composite": false}"""));
		ObjectNode auditor = (ObjectNode) realm.path("roles")
			.path("realm")
			.valueStream()
			.filter((role) -> role.path("name").asString().equals("auditor"))
			.findFirst()
			.orElseThrow();
		((ArrayNode) auditor.path("composites").path("realm")).add("claims:read");
		((ArrayNode) realm.path("scopeMappings")
			.valueStream()
			.filter((mapping) -> mapping.path("client").asString().equals("gatehouse-web"))
			.findFirst()
			.orElseThrow()
			.path("roles")).add("claims:read");
		ObjectNode client = ((ObjectNode) realm.path("clients")
			.valueStream()
			.filter((candidate) -> candidate.path("clientId").asString().equals("reporting-batch"))
			.findFirst()
			.orElseThrow()).deepCopy();
		client.put("clientId", "claims-batch").put("name", "Claims batch").put("secret", "vault-claims-1");
		((ArrayNode) realm.path("clients")).add(client);
		((ArrayNode) realm.path("scopeMappings")).add(RealmFiles.parse("""
				{"client": "claims-batch", "roles": ["claims:read"]}"""));
		((ArrayNode) realm.path("users")).add(RealmFiles.parse("""
				{"username": "service-account-claims-batch", "enabled": true, "serviceAccountClientId": "claims-batch",
				 "realmRoles": ["claims:read"]}"""));

		List<String> changes = apply.apply(realm);

		assertThat(changes).contains("created role claims:read", "added [claims:read] to composites of role auditor",
				"added [claims:read] to scope mappings of client gatehouse-web", "created client claims-batch",
				"added [claims:read] to scope mappings of client claims-batch",
				"added [claims:read] to service account of client claims-batch");
		// An existing user gets the new role through its persona, its own grants
		// untouched.
		assertThat(Jwt.claims(keycloak.tokens().user("dave")).path("realm_access").path("roles").values())
			.extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("auditor", "customer:read", "policy:read", "claims:read");
		JsonNode claims = Jwt.claims(tokens().clientCredentials("claims-batch", "vault-claims-1"));
		assertThat(claims.path("realm_access").path("roles").values()).extracting(JsonNode::asString)
			.containsExactly("claims:read");
		JsonNode aliceAfter = admin("/" + REALM + "/users?username=alice&exact=true").get(0);
		assertThat(aliceAfter.path("id")).isEqualTo(aliceBefore.path("id"));
		assertThat(sessions(aliceAfter)).containsAll(sessionsBefore);
		assertThat(apply.apply(realm)).isEmpty();
	}

	@Test
	@Order(5)
	void aChangedSettingAClientsMapperAndARotatedSecretAreAppliedAndTheOldSecretStopsWorking() {
		Map<String, String> rotated = new java.util.HashMap<>(SECRETS);
		rotated.put("REPORTING_BATCH_CLIENT_SECRET", "vault-reporting-2");
		ObjectNode realm = FILES.resolve(true, rotated::get);
		realm.put("accessTokenLifespan", 240);
		ObjectNode acme = (ObjectNode) realm.path("clients")
			.valueStream()
			.filter((client) -> client.path("clientId").asString().equals("acme-partner"))
			.findFirst()
			.orElseThrow();
		((ObjectNode) acme.path("protocolMappers").get(0).path("config")).put("claim.value", "acme-renamed");

		List<String> changes = apply.apply(realm);

		assertThat(changes).contains("updated realm settings", "updated client reporting-batch",
				"updated mapper 'partner' of client acme-partner");
		assertThat(admin("/" + REALM + "/clients?clientId=acme-partner").get(0)
			.path("protocolMappers")
			.get(0)
			.path("config")
			.path("claim.value")
			.asString()).isEqualTo("acme-renamed");
		JsonNode claims = Jwt.claims(tokens().clientCredentials("reporting-batch", "vault-reporting-2"));
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(240);
		assertThatThrownBy(() -> tokens().clientCredentials("reporting-batch", "vault-reporting-1"))
			.isInstanceOf(TokenException.class);
		assertThat(apply.apply(realm)).isEmpty();
	}

	@Test
	@Order(6)
	void theApplicationExitsWithZeroWhenKeycloakHoldsTheRealm() {
		apply.apply(FILES.resolve(true, SECRETS::get));

		List<String> arguments = new ArrayList<>(
				List.of("--gatehouse.realm-apply.keycloak-url=" + keycloak.url(), "--spring.profiles.active=demo",
						"--gatehouse.realm-apply.admin.username=" + keycloak.admin().username(),
						"--gatehouse.realm-apply.admin.password=" + keycloak.admin().password(),
						"--gatehouse.realm-apply.realm-directory=" + Repository.ROOT.resolve("auth-server-config")));
		SECRETS.forEach((variable, value) -> arguments.add("--" + variable + "=" + value));
		int exit = run(arguments.toArray(String[]::new));

		assertThat(exit).isZero();
	}

	@Test
	@Order(7)
	void theApplicationExitsWithOneWhenASecretIsMissingOrTheAdminLoginFails() {
		assertThat(run("--gatehouse.realm-apply.keycloak-url=" + keycloak.url(),
				"--gatehouse.realm-apply.admin.username=" + keycloak.admin().username(),
				"--gatehouse.realm-apply.admin.password=" + keycloak.admin().password()))
			.isEqualTo(1);
		assertThat(run("--gatehouse.realm-apply.keycloak-url=" + keycloak.url(), "--spring.profiles.active=demo",
				"--gatehouse.realm-apply.admin.username=" + keycloak.admin().username(),
				"--gatehouse.realm-apply.admin.password=wrong"))
			.isEqualTo(1);
	}

	@Test
	@Order(8)
	void aServiceMadeWithCallsGetsAClientWhoseTokensCarryTheCalledServicesReadingRoleAndTheApiAudience(
			@TempDir Path copy) throws IOException {
		List<String> files = new ArrayList<>(List.of("pom.xml", PlatformDescription.FILE));
		files.addAll(PlatformFiles.expected(Repository.ROOT).keySet());
		for (String file : files) {
			Files.createDirectories(copy.resolve(file).getParent());
			Files.copy(Repository.ROOT.resolve(file), copy.resolve(file));
		}
		new ServiceScaffold(copy).create("tickets-service", List.of("ticket:read", "ticket:write"),
				List.of("customer-service"));
		Map<String, String> secrets = new HashMap<>(SECRETS);
		secrets.put("TICKETS_SERVICE_CLIENT_SECRET", "vault-tickets-1");
		RealmFiles generated = RealmFiles.fromDirectory(copy.resolve("auth-server-config"));

		List<String> changes = apply.apply(generated.resolve(false, secrets::get));

		assertThat(changes).contains("created client tickets-service",
				"added [customer:read] to scope mappings of client tickets-service",
				"added [customer:read] to service account of client tickets-service");
		JsonNode claims = Jwt.claims(tokens().clientCredentials("tickets-service", "vault-tickets-1"));
		assertThat(claims.path("realm_access").path("roles").values()).extracting(JsonNode::asString)
			.containsExactly("customer:read");
		assertThat(claims.path("aud").isArray() ? claims.path("aud").values().stream().map(JsonNode::asString).toList()
				: List.of(claims.path("aud").asString()))
			.contains("gatehouse-api");
		assertThat(claims.path("client_id").asString()).isEqualTo("tickets-service");
		assertThatThrownBy(() -> tokens().clientCredentials("tickets-service", "tickets-service-secret"))
			.isInstanceOf(TokenException.class);
		// The demo profile's secret only where the variable is unset (a local run).
		apply.apply(generated.resolve(true, SECRETS::get));
		assertThat(Jwt.claims(tokens().clientCredentials("tickets-service", "tickets-service-secret"))
			.path("realm_access")
			.path("roles")
			.values()).extracting(JsonNode::asString).containsExactly("customer:read");
		assertThat(apply.apply(generated.resolve(true, SECRETS::get))).isEmpty();
	}

	private static int run(String... args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RealmApplyApplication.class).run(args);
		return SpringApplication.exit(context);
	}

	private static TokenClient tokens() {
		return new TokenClient(keycloak.issuerUri());
	}

	/** A persona's roles as the realm files declare them: itself and its composites. */
	private static List<String> rolesOf(String persona) {
		List<String> roles = new ArrayList<>(List.of(persona));
		FILES.base()
			.path("roles")
			.path("realm")
			.valueStream()
			.filter((role) -> role.path("name").asString().equals(persona))
			.forEach((role) -> role.path("composites")
				.path("realm")
				.valueStream()
				.map(JsonNode::asString)
				.forEach(roles::add));
		return roles;
	}

	private static JsonNode admin(String path) {
		return keycloak.adminApi().read(path);
	}

	private static List<String> sessions(JsonNode user) {
		return admin("/" + REALM + "/users/" + user.path("id").asString() + "/sessions").valueStream()
			.map((session) -> session.path("id").asString())
			.toList();
	}

	private static Map<String, String> secretManager() {
		Map<String, String> secrets = new TreeMap<>(Map.of("REPORTING_BATCH_CLIENT_SECRET", "vault-reporting-1",
				"POLICY_SERVICE_CLIENT_SECRET", "vault-policy-1", "GATEHOUSE_GATEWAY_CLIENT_SECRET", "vault-gateway-1",
				"GATEHOUSE_PORTAL_CLIENT_SECRET", "vault-portal-1"));
		FILES.variables()
			.forEach((variable) -> secrets.putIfAbsent(variable, "vault-" + variable.toLowerCase(Locale.ROOT)));
		return secrets;
	}

}
