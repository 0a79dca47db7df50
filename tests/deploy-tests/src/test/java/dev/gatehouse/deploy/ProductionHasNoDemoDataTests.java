package dev.gatehouse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.deploy.Manifests.Workload;
import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.realm.RealmFiles;
import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod overlay carries no demo credential and no demo data, and its realm-apply Job
 * would import none. The demo values are read from where the demo profile declares them
 * (the demo realm data, the gateway's application-demo.yaml, the services' db/demo
 * migrations), so a new demo credential is covered without editing this test. The dev
 * overlay, which turns the demo profile on, shows that the check finds it.
 */
class ProductionHasNoDemoDataTests {

	private static final Pattern EMAIL = Pattern.compile("[a-z]+@example\\.com");

	@Test
	void prodRendersNoDemoCredentialDemoRowOrDemoProfile() {
		Set<String> demo = demoValues();
		Manifests prod = Manifests.of("prod");
		for (int i = 0; i < prod.all().size(); i++) {
			String document = prod.documents().get(i);
			String name = prod.all().get(i).getKind() + " " + prod.all().get(i).getMetadata().getName();
			assertThat(demo).as("demo values in %s", name).noneMatch(document::contains);
		}
		assertThat(demoProfileSettings(prod)).as("settings turning on the demo profile in prod").isEmpty();
	}

	@Test
	void prodRealmApplyImportsNoUserAndTakesEverySecretFromTheSecretManager() {
		Workload job = Manifests.of("prod")
			.workloads()
			.stream()
			.filter((workload) -> workload.name().equals("realm-apply"))
			.findFirst()
			.orElseThrow();
		List<EnvVar> env = job.template().getSpec().getContainers().get(0).getEnv();
		RealmFiles files = RealmFiles.fromClasspath();
		// Each variable the realm names comes from a Secret; the stand-in value marks
		// where it landed.
		for (String variable : files.variables()) {
			assertThat(env).as("%s of the realm-apply Job", variable).anySatisfy((entry) -> {
				assertThat(entry.getName()).isEqualTo(variable);
				assertThat(entry.getValueFrom().getSecretKeyRef()).isNotNull();
			});
		}
		ObjectNode realm = files.resolve(false, (variable) -> "from-secret-manager-" + variable);

		assertThat(realm.path("users").valueStream())
			.allSatisfy((user) -> assertThat(user.has("serviceAccountClientId")).as(user.toString()).isTrue());
		assertThat(realm.path("clients").valueStream().filter((client) -> client.has("secret")))
			.allSatisfy((client) -> assertThat(client.path("secret").asString()).startsWith("from-secret-manager-"));
		assertThat(demoValues()).noneMatch(realm.toString()::contains);
	}

	@Test
	void theDevOverlayTurnsTheDemoProfileOnSoTheCheckWouldSeeIt() {
		assertThat(demoProfileSettings(Manifests.of("dev"))).containsAll(DescribedPlatform.IMAGES);
	}

	/** ConfigMaps and container environments that name the demo profile. */
	private static Set<String> demoProfileSettings(Manifests manifests) {
		Set<String> found = new LinkedHashSet<>();
		for (ConfigMap config : manifests.all(ConfigMap.class)) {
			if (config.getData() != null
					&& config.getData().entrySet().stream().anyMatch(ProductionHasNoDemoDataTests::namesDemo)) {
				found.add(config.getMetadata().getName());
			}
		}
		for (Workload workload : manifests.workloads()) {
			workload.template().getSpec().getContainers().forEach((container) -> {
				if (container.getEnv() != null && container.getEnv()
					.stream()
					.anyMatch((env) -> env.getValue() != null && namesDemo(Map.entry(env.getName(), env.getValue())))) {
					found.add(workload.name());
				}
				if (container.getArgs() != null
						&& container.getArgs().stream().anyMatch((arg) -> arg.contains("demo"))) {
					found.add(workload.name());
				}
			});
		}
		return found;
	}

	private static boolean namesDemo(Map.Entry<String, String> setting) {
		return (setting.getKey().startsWith("SPRING_PROFILES") && setting.getValue().contains("demo"))
				|| setting.getKey().equals("GATEHOUSE_REALMAPPLY_DEMO");
	}

	/**
	 * Demo passwords and client secrets, user e-mails, the demo API keys' prefix and
	 * hashes, the Basic user's hash, the demo partner certificate's subject and the demo
	 * rows' e-mails.
	 */
	static Set<String> demoValues() {
		Set<String> values = new LinkedHashSet<>();
		JsonNode demoRealm = RealmFiles.fromClasspath().demo();
		demoRealm.path("clients")
			.valueStream()
			.map((client) -> client.path("secret").asString(""))
			.filter((secret) -> !secret.isBlank())
			.forEach(values::add);
		demoRealm.path("users").valueStream().forEach((user) -> {
			user.path("credentials")
				.valueStream()
				.forEach((credential) -> values.add(credential.path("value").asString()));
			if (user.has("email")) {
				values.add(user.path("email").asString());
			}
		});
		String gatewayDemo = read(Commands.ROOT.resolve("gateway/src/main/resources/application-demo.yaml"));
		values.add("ghk_test_");
		values.addAll(matches(gatewayDemo, "sha256: ([0-9a-f]{64})"));
		values.addAll(matches(gatewayDemo, "password-hash: \"\\{bcrypt}([^\"]+)\""));
		values.addAll(matches(gatewayDemo, "subject: \"([^\"]+)\""));
		for (String module : demoMigrationModules()) {
			try (Stream<Path> files = Files.list(Commands.ROOT.resolve(module + "/src/main/resources/db/demo"))) {
				files.map(ProductionHasNoDemoDataTests::read).forEach((sql) -> {
					Matcher matcher = EMAIL.matcher(sql);
					while (matcher.find()) {
						values.add(matcher.group());
					}
				});
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		assertThat(values).as("demo values found").hasSizeGreaterThan(15).noneMatch(String::isBlank);
		return values;
	}

	/**
	 * The described services whose demo profile adds the demo migrations
	 * (application-demo.yaml naming classpath:db/demo); a service without demo rows, as
	 * ./gatehouse new-service makes it, has none.
	 */
	private static List<String> demoMigrationModules() {
		return DescribedPlatform.DESCRIPTION.serviceList()
			.stream()
			.map(PlatformDescription.Service::module)
			.filter((module) -> {
				Path demoProfile = Commands.ROOT.resolve(module + "/src/main/resources/application-demo.yaml");
				return Files.exists(demoProfile) && read(demoProfile).contains("classpath:db/demo");
			})
			.toList();
	}

	private static Set<String> matches(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		return matcher.results().map((result) -> result.group(1)).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
