package dev.gatehouse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.gatehouse.realm.RealmFiles;
import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml parses and resolves ({@code docker-compose config}, Debian's
 * Compose), and what it resolves to keeps the promises of deploy/README.md. Starting the
 * containers needs a Docker engine, which CI does not have:
 * ComposeEnvironmentIntegrationTests runs the applications with the environment this file
 * gives them instead.
 */
class ComposeFileTests {

	/** The services gatehouse.yaml declares (a generated one too) and the gateway. */
	private static final Set<String> APPLICATIONS = new TreeSet<>(DescribedPlatform.APPLICATIONS);

	/**
	 * Services that run once and exit: no healthcheck; dependents wait for their
	 * successful end.
	 */
	private static final Set<String> ONE_SHOT = Set.of("pki", "edge-cert", "realm-apply");

	@Test
	void resolvesWithEveryComponentOfThePlatform() {
		Set<String> components = new TreeSet<>(
				Set.of("postgres", "redis", "keycloak", "realm-apply", "pki", "edge-cert", "edge"));
		components.addAll(APPLICATIONS);
		assertThat(ComposeFile.services()).containsOnlyKeys(components);
	}

	@Test
	void onlyTheEdgeAndKeycloakArePublishedAndOnlyOnLoopback() {
		Set<String> published = new TreeSet<>();
		ComposeFile.services().forEach((name, service) -> {
			List<Object> ports = ComposeFile.list(service.get("ports"));
			if (!ports.isEmpty()) {
				published.add(name);
			}
			for (Object port : ports) {
				assertThat(String.valueOf(port)).as("published port of %s", name).startsWith("127.0.0.1:");
			}
		});
		assertThat(published).containsExactly("edge", "keycloak");
		assertThat(ComposeFile.list(ComposeFile.service("keycloak").get("ports"))).extracting(String::valueOf)
			.containsExactly("127.0.0.1:8180:8080/tcp");
	}

	@Test
	void everyLongRunningServiceHasAHealthcheckAndDependentsWaitForIt() {
		ComposeFile.services().forEach((name, service) -> {
			if (!ONE_SHOT.contains(name)) {
				assertThat(ComposeFile.<Object>map(service.get("healthcheck"))).as("healthcheck of %s", name)
					.containsKey("test");
			}
			Map<String, Map<String, Object>> dependencies = ComposeFile.map(service.get("depends_on"));
			dependencies.forEach((dependency, condition) -> assertThat(condition.get("condition"))
				.as("%s waits for %s", name, dependency)
				.isEqualTo(ONE_SHOT.contains(dependency) ? "service_completed_successfully" : "service_healthy"));
		});
		assertThat(ComposeFile.<Object>map(ComposeFile.service("gateway").get("depends_on"))).containsKeys("keycloak",
				"realm-apply", "customer-service", "policy-service", "redis");
		for (String name : APPLICATIONS) {
			assertThat(ComposeFile.<Object>map(ComposeFile.service(name).get("depends_on")))
				.as("%s waits for the realm", name)
				.containsKey("realm-apply");
		}
		assertThat(ComposeFile.<Object>map(ComposeFile.service("realm-apply").get("depends_on")))
			.containsOnlyKeys("keycloak");
		assertThat(ComposeFile.<Object>map(ComposeFile.service("edge").get("depends_on"))).containsKeys("gateway",
				"edge-cert");
	}

	@Test
	void applicationsAreBuiltFromThisRepositoryAndRunHardened() {
		for (String name : APPLICATIONS) {
			Map<String, Object> service = ComposeFile.service(name);
			Map<String, Object> build = ComposeFile.map(service.get("build"));
			assertThat(build.get("dockerfile")).as("Dockerfile of %s", name).isEqualTo("deploy/docker/Dockerfile");
			assertThat(ComposeFile.<Object>map(build.get("args"))).containsEntry("MODULE", name);
			assertThat(service.get("read_only")).as("read-only root of %s", name).isEqualTo(true);
			assertThat(ComposeFile.list(service.get("cap_drop"))).as("capabilities of %s", name).containsExactly("ALL");
			assertThat(ComposeFile.list(service.get("security_opt"))).contains("no-new-privileges:true");
		}
		assertThat(Commands.ROOT.resolve("deploy/docker/Dockerfile")).exists();
	}

	@Test
	void everyBuiltJarIsLetIntoTheBuildContextAndNothingElseOfItsModule() throws IOException {
		List<String> dockerignore = Files.readAllLines(Commands.ROOT.resolve(".dockerignore"));
		for (String name : DescribedPlatform.IMAGES) {
			String jar = ComposeFile.builtJar(name);
			assertThat(Commands.ROOT.resolve(jar).getParent().resolveSibling("pom.xml")).as("module of %s", name)
				.exists();
			assertThat(dockerignore).as(".dockerignore lets %s in", jar).contains("!" + jar);
		}
	}

	@Test
	void servicesUseThePostgresProfileAndTheIssuerSplit() {
		for (String name : APPLICATIONS) {
			Map<String, String> environment = ComposeFile.environment(name);
			assertThat(environment).as("environment of %s", name)
				.containsEntry("GATEHOUSE_SECURITY_ISSUERURI", "http://localhost:8180/realms/gatehouse")
				.containsEntry("GATEHOUSE_SECURITY_INTERNALISSUERURI", "http://keycloak:8080/realms/gatehouse");
		}
		assertThat(ComposeFile.environment("customer-service"))
			.containsEntry("SPRING_PROFILES_ACTIVE", "postgres,secure")
			.containsEntry("CUSTOMER_DB_URL", "jdbc:postgresql://postgres:5432/customers");
		assertThat(ComposeFile.environment("policy-service")).containsEntry("SPRING_PROFILES_ACTIVE", "postgres,secure")
			.containsEntry("POLICY_DB_URL", "jdbc:postgresql://postgres:5432/policies");
		assertThat(ComposeFile.environment("keycloak")).containsEntry("KC_HOSTNAME", "http://localhost:8180")
			.containsEntry("KC_DB", "postgres");
	}

	@Test
	void realmApplyAppliesThisCheckoutsRealmFilesAsTheBootstrapAdminWithTheServicesSecrets() {
		Map<String, Object> realmApply = ComposeFile.service("realm-apply");
		assertThat(ComposeFile.list(ComposeFile.service("keycloak").get("command"))).doesNotContain("--import-realm");
		assertThat(ComposeFile.map(realmApply.get("build"))).containsEntry("dockerfile", "deploy/docker/Dockerfile");
		assertThat(ComposeFile.<Object>map(ComposeFile.map(realmApply.get("build")).get("args")))
			.containsEntry("MODULE", "tooling/realm-apply")
			.containsEntry("NAME", "realm-apply");
		assertThat(realmApply.get("read_only")).isEqualTo(true);
		assertThat(realmApply).doesNotContainKey("restart");
		assertThat(ComposeFile.list(realmApply.get("volumes"))).extracting(String::valueOf)
			.anySatisfy((volume) -> assertThat(volume).endsWith("auth-server-config:/realm:ro"));
		Map<String, String> environment = ComposeFile.environment("realm-apply");
		assertThat(environment).containsEntry("GATEHOUSE_REALMAPPLY_KEYCLOAKURL", "http://keycloak:8080")
			.containsEntry("GATEHOUSE_REALMAPPLY_REALMDIRECTORY", "/realm")
			.containsEntry("GATEHOUSE_REALMAPPLY_ADMIN_USERNAME",
					ComposeFile.environment("keycloak").get("KC_BOOTSTRAP_ADMIN_USERNAME"))
			.containsEntry("GATEHOUSE_REALMAPPLY_ADMIN_PASSWORD",
					ComposeFile.environment("keycloak").get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
		// One value per secret: the realm gets what the service that uses it gets.
		assertThat(environment.get("POLICY_SERVICE_CLIENT_SECRET"))
			.isEqualTo(ComposeFile.environment("policy-service").get("POLICY_SERVICE_CLIENT_SECRET"));
		assertThat(environment.get("GATEHOUSE_GATEWAY_CLIENT_SECRET"))
			.isEqualTo(ComposeFile.environment("gateway").get("GATEHOUSE_GATEWAY_CLIENT_SECRET"));
		assertThat(RealmFiles.fromClasspath().variables()).allSatisfy(
				(variable) -> assertThat(environment).as("realm-apply sets %s", variable).containsKey(variable));
	}

	@Test
	void theDemoProfileIsOnByDefaultAndContainersLogJson() {
		for (String name : DescribedPlatform.IMAGES) {
			assertThat(ComposeFile.environment(name)).as("environment of %s", name)
				.containsEntry("SPRING_PROFILES_INCLUDE", "demo")
				.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		}
	}

	@Test
	void gatewayAndServicesTalkMutualTlsWithCertificatesFromThePkiVolume() {
		assertThat(ComposeFile.environment("gateway")).containsEntry("SPRING_PROFILES_ACTIVE", "secure")
			.containsEntry("GATEHOUSE_BACKENDS_CUSTOMERSERVICE", "https://customer-service:8081")
			.containsEntry("GATEHOUSE_BACKENDS_POLICYSERVICE", "https://policy-service:8082")
			.containsEntry("GATEHOUSE_TLS_GENERATEDEVPKI", "false");
		assertThat(ComposeFile.environment("policy-service")).containsEntry("GATEHOUSE_CUSTOMERSERVICE_URI",
				"https://customer-service:8081");
		for (String name : APPLICATIONS) {
			assertThat(ComposeFile.environment(name)).as("environment of %s", name)
				.containsEntry("GATEHOUSE_TLS_DIRECTORY", "/pki");
			assertThat(ComposeFile.list(ComposeFile.service(name).get("volumes"))).as("volumes of %s", name)
				.extracting(String::valueOf)
				.anySatisfy((volume) -> assertThat(volume).matches("pki:/pki(:ro)?"));
		}
		assertThat(ComposeFile.list(ComposeFile.service("pki").get("command"))).extracting(String::valueOf)
			.anySatisfy((command) -> assertThat(command).contains("dev.gatehouse.pki.DevPki").contains("/pki"));
	}

	@Test
	void redisKeepsTheKeyStoreInAnAppendOnlyFileOnANamedVolumeWithAReadOnlyRoot() {
		Map<String, Object> redis = ComposeFile.service("redis");
		assertThat(ComposeFile.list(redis.get("command"))).extracting(String::valueOf)
			.containsSubsequence("--appendonly", "yes")
			.containsSubsequence("--appendfsync", "everysec");
		assertThat(redis.get("read_only")).isEqualTo(true);
		assertThat(ComposeFile.list(redis.get("tmpfs"))).extracting(String::valueOf)
			.noneSatisfy((path) -> assertThat(path).startsWith("/data"));
		assertThat(ComposeFile.list(redis.get("volumes"))).extracting(String::valueOf)
			.anySatisfy((volume) -> assertThat(volume).matches("redis-data:/data(:rw)?"));
		assertThat(ComposeFile.<Object>map(ComposeFile.resolved().get("volumes"))).containsKey("redis-data");
	}

	@Test
	void theGatewayTrustsForwardedHeadersOnlyFromTheEdgesFixedAddress() {
		Map<String, Object> edgeNetwork = ComposeFile
			.map(ComposeFile.<Object>map(ComposeFile.service("edge").get("networks")).get("backend"));
		String edgeAddress = String.valueOf(edgeNetwork.get("ipv4_address"));
		assertThat(ComposeFile.environment("gateway")).containsEntry("GATEHOUSE_GATEWAY_NETWORK_TRUSTEDPROXIES",
				edgeAddress + "/32");
		assertThat(ComposeFile.environment("edge")).containsEntry("EDGE_UPSTREAM", "gateway:8443");
	}

	@Test
	void secretsDefaultToTheDocumentedDemoValuesOnly() throws Exception {
		String readme = Files.readString(Commands.ROOT.resolve("auth-server-config/README.md"));
		assertThat(ComposeFile.environment("policy-service").get("POLICY_SERVICE_CLIENT_SECRET"))
			.isEqualTo("policy-service-secret")
			.satisfies((secret) -> assertThat(readme).contains(secret));
		assertThat(ComposeFile.environment("gateway").get("GATEHOUSE_GATEWAY_CLIENT_SECRET"))
			.isEqualTo("gatehouse-gateway-secret")
			.satisfies((secret) -> assertThat(readme).contains(secret));
		assertThat(ComposeFile.environment("gateway").get("GATEHOUSE_PORTAL_CLIENT_SECRET"))
			.isEqualTo("gatehouse-portal-secret")
			.isEqualTo(ComposeFile.environment("realm-apply").get("GATEHOUSE_PORTAL_CLIENT_SECRET"))
			.satisfies((secret) -> assertThat(readme).contains(secret));
		assertThat(ComposeFile.environment("realm-apply").get("REPORTING_BATCH_CLIENT_SECRET"))
			.isEqualTo("reporting-batch-secret")
			.satisfies((secret) -> assertThat(readme).contains(secret));
		assertThat(Files.readString(Commands.ROOT.resolve(".env.example"))).contains("DEV ONLY")
			.contains("auth-server-config/README.md");
	}

}
