package dev.gatehouse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.realm.RealmFiles;
import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service gatehouse.yaml declares, wherever it is deployed: in compose (its block,
 * its database and password, the gateway's backend), in the database init script (run for
 * real with a recording psql) and in both Kubernetes overlays (Deployment, Service,
 * ConfigMap, certificate Secret, NetworkPolicies of each of its flows, database password,
 * prod's ExternalSecrets and image tag) and, for a service that calls others, its
 * client's secret wherever the service and realm-apply read it. Read from the
 * description, not listed: CI's template stage runs this class after ./gatehouse
 * new-service, so a service the generator adds is held to it too.
 */
class ServiceDeploymentTests {

	private static final PlatformDescription DESCRIPTION = DescribedPlatform.DESCRIPTION;

	static Stream<String> services() {
		return DESCRIPTION.services().keySet().stream();
	}

	/** The services that call others, with their own client. */
	static Stream<String> servicesWithClients() {
		return services().filter((name) -> DESCRIPTION.services().get(name).client() != null);
	}

	static Stream<Arguments> servicesWithClientsInOverlays() {
		return servicesWithClients()
			.flatMap((name) -> Manifests.OVERLAYS.stream().map((overlay) -> Arguments.of(name, overlay)));
	}

	static Stream<Arguments> servicesInOverlays() {
		return services().flatMap((name) -> Manifests.OVERLAYS.stream().map((overlay) -> Arguments.of(name, overlay)));
	}

	@ParameterizedTest
	@MethodSource("services")
	void composeRunsTheServiceOnItsDatabaseBehindTheGateway(String name) {
		PlatformDescription.Service service = DESCRIPTION.services().get(name);
		Map<String, Object> block = ComposeFile.service(name);
		assertThat(ComposeFile.<Object>map(ComposeFile.map(block.get("build")).get("args"))).containsEntry("MODULE",
				service.module());
		assertThat(block).containsEntry("image", "gatehouse/" + name + ":dev").containsEntry("read_only", true);
		Map<String, String> environment = ComposeFile.environment(name);
		String prefix = prefix(service);
		assertThat(environment)
			.containsEntry(prefix + "_DB_URL", "jdbc:postgresql://postgres:5432/" + service.database())
			.containsEntry(prefix + "_DB_USERNAME", service.database())
			.containsEntry(prefix + "_DB_PASSWORD", ComposeFile.environment("postgres").get(prefix + "_DB_PASSWORD"))
			.containsEntry("SPRING_PROFILES_ACTIVE", "postgres,secure");
		assertThat(environment.get(prefix + "_DB_PASSWORD")).isNotBlank();
		Set<String> dependencies = ComposeFile.<Object>map(block.get("depends_on")).keySet();
		assertThat(dependencies).contains("pki", "postgres", "keycloak", "realm-apply").containsAll(service.calls());
		for (String called : service.calls()) {
			PlatformDescription.Service other = DESCRIPTION.services().get(called);
			assertThat(environment).containsEntry("GATEHOUSE_" + compact(called) + "_URI",
					"https://" + called + ":" + other.port());
		}
		assertThat(ComposeFile.list(ComposeFile.map(block.get("healthcheck")).get("test"))).extracting(String::valueOf)
			.anySatisfy((test) -> assertThat(test).contains("/dev/tcp/127.0.0.1/" + service.managementPort() + " "));
		assertThat(ComposeFile.environment("gateway")).containsEntry("GATEHOUSE_BACKENDS_" + compact(name),
				"https://" + name + ":" + service.port());
		assertThat(ComposeFile.<Object>map(ComposeFile.service("gateway").get("depends_on"))).containsKey(name);
	}

	@Test
	void theInitScriptCreatesEveryServicesDatabaseWithThePasswordComposeGivesIt(@TempDir Path temp) throws IOException {
		Map<String, String> environment = new HashMap<>(ComposeFile.environment("postgres"));
		List<String> created = initDatabases(temp, environment);

		List<String> expected = new ArrayList<>(
				List.of("keycloak " + environment.get("KEYCLOAK_DB_PASSWORD") + " keycloak"));
		DESCRIPTION.serviceList()
			.forEach((service) -> expected.add(service.database() + " "
					+ environment.get(prefix(service) + "_DB_PASSWORD") + " " + service.database()));
		assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
	}

	@ParameterizedTest
	@MethodSource("services")
	void theInitScriptStopsBeforeCreatingAnythingWhenTheServicesPasswordIsMissing(String name, @TempDir Path temp)
			throws IOException {
		String variable = prefix(DESCRIPTION.services().get(name)) + "_DB_PASSWORD";
		Map<String, String> environment = new HashMap<>(ComposeFile.environment("postgres"));
		environment.put(variable, "");

		Path log = temp.resolve("psql.log");
		Commands.Result result = runInitScript(temp, environment, log);

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains(variable + " is not set");
		assertThat(log).doesNotExist();
	}

	@ParameterizedTest
	@MethodSource("servicesInOverlays")
	void kubernetesRunsTheServiceWithItsCertificateSecretConfigAndDatabasePassword(String name, String overlay) {
		PlatformDescription.Service service = DESCRIPTION.services().get(name);
		Manifests manifests = Manifests.of(overlay);
		Deployment deployment = manifests.get(Deployment.class, name);
		var pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getSecret() != null)
			.extracting((volume) -> volume.getSecret().getSecretName())
			.containsExactly(name + "-tls");
		String prefix = prefix(service);
		assertThat(secretOf(pod.getContainers().get(0).getEnv(), prefix + "_DB_PASSWORD"))
			.isEqualTo("gatehouse-" + prefix.toLowerCase(Locale.ROOT).replace('_', '-') + "-db");
		assertThat(secretOf(manifests.env(StatefulSet.class, "postgres"), prefix + "_DB_PASSWORD"))
			.as("the postgres init script's password for %s", name)
			.isEqualTo(secretOf(pod.getContainers().get(0).getEnv(), prefix + "_DB_PASSWORD"));
		assertThat(manifests.get(Service.class, name).getSpec().getPorts()).extracting((port) -> port.getPort())
			.containsExactly(service.port());
		Map<String, String> config = manifests.get(ConfigMap.class, name).getData();
		assertThat(config).containsEntry(prefix + "_DB_URL", "jdbc:postgresql://postgres:5432/" + service.database())
			.containsEntry(prefix + "_DB_USERNAME", service.database());
		assertThat(manifests.get(ConfigMap.class, "gateway").getData())
			.containsEntry("GATEHOUSE_BACKENDS_" + compact(name), "https://" + name + ":" + service.port());
		String image = pod.getContainers().get(0).getImage();
		if (overlay.equals("prod")) {
			assertThat(image).isEqualTo("gatehouse/" + name + ":0.1.0");
			assertThat(manifests.all(GenericKubernetesResource.class))
				.filteredOn((resource) -> resource.getKind().equals("ExternalSecret"))
				.extracting((resource) -> resource.getMetadata().getName())
				.contains(name + "-tls", secretOf(pod.getContainers().get(0).getEnv(), prefix + "_DB_PASSWORD"));
		}
		else {
			assertThat(config).containsEntry("SPRING_PROFILES_INCLUDE", "demo");
			assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@MethodSource("servicesInOverlays")
	void networkPoliciesAdmitEveryFlowOfTheServiceAtBothEnds(String name, String overlay) {
		PlatformDescription.Service service = DESCRIPTION.services().get(name);
		Manifests manifests = Manifests.of(overlay);
		assertThat(manifests.all(NetworkPolicy.class)).extracting((policy) -> policy.getMetadata().getName())
			.contains(name);
		List<String> flows = new ArrayList<>(
				List.of("gateway->" + name + ":" + service.port(), name + "->keycloak:8080", name + "->postgres:5432"));
		service.calls()
			.forEach((called) -> flows.add(name + "->" + called + ":" + DESCRIPTION.services().get(called).port()));
		assertThat(manifests.ingressFlows()).containsAll(flows)
			.contains("monitoring->" + name + ":" + service.managementPort());
		assertThat(manifests.egressFlows((policy) -> policy.getSpec().getPodSelector().getMatchLabels() != null))
			.containsAll(flows);
	}

	@ParameterizedTest
	@MethodSource("servicesWithClients")
	void composeGivesTheServiceAndRealmApplyTheSameClientSecretWhichIsTheDemoRealmsDevSecret(String name)
			throws IOException {
		String client = DESCRIPTION.services().get(name).client();
		String variable = clientSecretVariable(client);
		RealmFiles realm = RealmFiles.fromDirectory(Commands.ROOT.resolve("auth-server-config"));
		assertThat(clientOf(realm.base(), client).path("secret").asString()).isEqualTo("${" + variable + "}");
		assertThat(clientOf(realm.base(), client).path("serviceAccountsEnabled").asBoolean()).isTrue();
		String devSecret = clientOf(realm.demo(), client).path("secret").asString();

		assertThat(ComposeFile.environment(name)).containsEntry(variable, devSecret);
		assertThat(ComposeFile.environment("realm-apply")).containsEntry(variable, devSecret);
		assertThat(Files.readAllLines(Commands.ROOT.resolve(".env.example"))).contains(variable + "=" + devSecret);
	}

	@ParameterizedTest
	@MethodSource("servicesWithClientsInOverlays")
	void kubernetesGivesTheServiceAndTheRealmApplyJobTheClientSecretFromOneSecretAndProdFromTheSecretManager(
			String name, String overlay) {
		String client = DESCRIPTION.services().get(name).client();
		String variable = clientSecretVariable(client);
		Manifests manifests = Manifests.of(overlay);
		List<EnvVar> service = manifests.env(Deployment.class, name);
		List<EnvVar> realmApply = manifests.env(Job.class, "realm-apply");

		assertThat(secretOf(service, variable)).isEqualTo("gatehouse-" + client + "-client");
		assertThat(secretOf(realmApply, variable)).isEqualTo(secretOf(service, variable));
		if (overlay.equals("prod")) {
			GenericKubernetesResource external = manifests.all(GenericKubernetesResource.class)
				.stream()
				.filter((resource) -> resource.getKind().equals("ExternalSecret")
						&& resource.getMetadata().getName().equals("gatehouse-" + client + "-client"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("prod has no ExternalSecret gatehouse-" + client + "-client"));
			assertThat(String.valueOf(external.getAdditionalProperties().get("spec")))
				.contains("gatehouse/" + client + "-client-secret")
				.doesNotContain(RealmFiles.fromDirectory(Commands.ROOT.resolve("auth-server-config"))
					.demo()
					.path("clients")
					.valueStream()
					.filter((candidate) -> candidate.path("clientId").asString().equals(client))
					.findFirst()
					.orElseThrow()
					.path("secret")
					.asString());
		}
	}

	private static String clientSecretVariable(String client) {
		return client.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
	}

	private static JsonNode clientOf(JsonNode realm, String clientId) {
		return realm.path("clients")
			.valueStream()
			.filter((client) -> client.path("clientId").asString().equals(clientId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the realm files declare no client " + clientId));
	}

	private static List<String> initDatabases(Path temp, Map<String, String> environment) throws IOException {
		Path log = temp.resolve("psql.log");
		runInitScript(temp, environment, log).requireSuccess("deploy/postgres/init-databases.sh");
		return Files.readAllLines(log);
	}

	/**
	 * The script as the postgres image runs it, with a psql on the path that records the
	 * user, password and database of each create.
	 */
	private static Commands.Result runInitScript(Path temp, Map<String, String> environment, Path log)
			throws IOException {
		Path bin = Files.createDirectories(temp.resolve("bin"));
		Path psql = bin.resolve("psql");
		Files.writeString(psql, """
				#!/usr/bin/env bash
				declare -A v
				while [ $# -gt 0 ]; do
				  if [ "$1" = -v ]; then v[${2%%%%=*}]=${2#*=}; shift; fi
				  shift
				done
				cat >/dev/null
				echo "${v[user]} ${v[password]} ${v[database]}" >> %s
				""".formatted(log));
		psql.toFile().setExecutable(true);
		List<String> command = new ArrayList<>(
				List.of("env", "-i", "PATH=" + bin + ":/usr/bin:/bin", "POSTGRES_USER=postgres"));
		environment.forEach((key, value) -> command.add(key + "=" + value));
		command.addAll(List.of("bash", "deploy/postgres/init-databases.sh"));
		return Commands.run(Duration.ofSeconds(30), command.toArray(String[]::new));
	}

	private static String secretOf(List<EnvVar> environment, String name) {
		return environment.stream()
			.filter((env) -> env.getName().equals(name))
			.map((env) -> env.getValueFrom().getSecretKeyRef().getName())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no variable " + name + " in " + environment));
	}

	/** CUSTOMER for customer-service, as the services name their database variables. */
	static String prefix(PlatformDescription.Service service) {
		String name = service.name();
		return name.substring(0, name.length() - "-service".length()).toUpperCase(Locale.ROOT).replace('-', '_');
	}

	private static String compact(String name) {
		return name.toUpperCase(Locale.ROOT).replace("-", "");
	}

}
