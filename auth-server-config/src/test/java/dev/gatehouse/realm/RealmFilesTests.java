package dev.gatehouse.realm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.platform.PlatformDescription.Service;
import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The realm files as the realm-apply tool and the launcher read them: the base realm
 * carries no demo data and no secret, the demo data only adds, and secrets come from the
 * environment first.
 */
class RealmFilesTests {

	private static final RealmFiles FILES = RealmFiles.fromDirectory(RealmJson.REALM_DIRECTORY);

	/**
	 * The confidential clients: the contract's own and the client of every service that
	 * calls others (gatehouse.yaml), one more for each service made with --calls.
	 */
	private static final List<String> CONFIDENTIAL_CLIENTS = Stream
		.concat(Stream.of("gatehouse-gateway", "gatehouse-portal", "reporting-batch"),
				PlatformDescription.load(Repository.ROOT.resolve(PlatformDescription.FILE))
					.services()
					.values()
					.stream()
					.map(Service::client)
					.filter(Objects::nonNull))
		.toList();

	private static final Map<String, String> SECRET_MANAGER = CONFIDENTIAL_CLIENTS.stream()
		.collect(Collectors.toMap(RealmFilesTests::variable, (client) -> "from-vault-" + client));

	private static String variable(String client) {
		return client.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
	}

	@Test
	void baseRealmDeclaresNoUserWithCredentialsAndNoSecretValue() {
		ObjectNode base = FILES.base();
		assertThat(base.path("users").valueStream()).allSatisfy((user) -> {
			assertThat(user.has("serviceAccountClientId")).as("%s is a service account", user.path("username"))
				.isTrue();
			assertThat(user.has("credentials")).isFalse();
		});
		assertThat(base.path("clients").valueStream().filter((client) -> client.has("secret")))
			.allSatisfy((client) -> assertThat(client.path("secret").asString()).matches("\\$\\{[A-Z_]+}"));
		assertThat(FILES.variables()).containsExactlyInAnyOrderElementsOf(SECRET_MANAGER.keySet())
			.contains("GATEHOUSE_GATEWAY_CLIENT_SECRET", "GATEHOUSE_PORTAL_CLIENT_SECRET",
					"POLICY_SERVICE_CLIENT_SECRET", "REPORTING_BATCH_CLIENT_SECRET");
	}

	@Test
	void productionRealmTakesEverySecretFromTheEnvironmentAndHasNoDemoUser() {
		ObjectNode realm = FILES.resolve(false, SECRET_MANAGER::get);

		assertThat(CONFIDENTIAL_CLIENTS).contains("policy-service")
			.allSatisfy((client) -> assertThat(RealmJson.client(realm, client).path("secret").asString()).as(client)
				.isEqualTo("from-vault-" + client));
		for (String username : GatehouseContract.USERS.keySet()) {
			assertThat(RealmJson.findUser(realm, username)).as(username).isEmpty();
		}
		assertThat(realm.toString()).doesNotContain("-pass\"").doesNotContain("reporting-batch-secret");
	}

	@Test
	void aMissingSecretWithoutTheDemoProfileIsAnErrorThatNamesTheVariable() {
		assertThatThrownBy(() -> FILES.resolve(false, Map.of("REPORTING_BATCH_CLIENT_SECRET", "x")::get))
			.isInstanceOf(RealmDefinitionException.class)
			.hasMessageContaining("POLICY_SERVICE_CLIENT_SECRET")
			.hasMessageContaining("GATEHOUSE_GATEWAY_CLIENT_SECRET")
			.hasMessageNotContaining("REPORTING_BATCH_CLIENT_SECRET");
	}

	@Test
	void aBlankVariableCountsAsUnset() {
		assertThatThrownBy(() -> FILES.resolve(false, (name) -> " ")).isInstanceOf(RealmDefinitionException.class)
			.hasMessageContaining("REPORTING_BATCH_CLIENT_SECRET");
	}

	@Test
	void theDemoProfileAddsTheDemoUsersAndFillsUnsetSecrets() {
		ObjectNode realm = FILES.resolve(true, (name) -> null);

		assertThat(RealmJson.user(realm, "alice").path("credentials").get(0).path("value").asString())
			.isEqualTo("alice-pass");
		assertThat(RealmJson.client(realm, "reporting-batch").path("secret").asString())
			.isEqualTo("reporting-batch-secret");
		assertThat(RealmJson.user(realm, "service-account-reporting-batch").path("realmRoles"))
			.extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("customer:read", "policy:read");
	}

	@Test
	void aSecretFromTheEnvironmentWinsOverTheDemoSecret() {
		ObjectNode realm = FILES.resolve(true, Map.of("POLICY_SERVICE_CLIENT_SECRET", "mine")::get);

		assertThat(RealmJson.client(realm, "policy-service").path("secret").asString()).isEqualTo("mine");
		assertThat(RealmJson.client(realm, "gatehouse-gateway").path("secret").asString())
			.isEqualTo("gatehouse-gateway-secret");
	}

	@Test
	void demoDataThatWouldChangeTheBaseRealmIsRefused() {
		ObjectNode realm = FILES.base();
		JsonNode demo = RealmFiles.parse("""
				{"clients": [{"clientId": "gatehouse-web", "directAccessGrantsEnabled": true}]}""");

		assertThatThrownBy(() -> RealmFiles.addDemo(realm, demo, "realm", (name) -> null))
			.isInstanceOf(RealmDefinitionException.class)
			.hasMessageContaining("realm.clients[gatehouse-web].directAccessGrantsEnabled");
	}

	@Test
	void keycloaksOwnMessageKeysAreNotPlaceholders() {
		ObjectNode realm = FILES.resolve(false, SECRET_MANAGER::get);

		assertThat(RealmJson.client(realm, "admin-cli").path("name").asString()).isEqualTo("${client_admin-cli}");
	}

	@Test
	void theClasspathCarriesTheSameFiles() {
		assertThat(RealmFiles.fromClasspath().base()).isEqualTo(FILES.base());
		assertThat(RealmFiles.fromClasspath().demo()).isEqualTo(FILES.demo());
	}

}
