package dev.gatehouse.e2e;

import dev.gatehouse.test.Repository;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.launcher.keycloak.KeycloakDistribution;
import dev.gatehouse.launcher.service.ServiceProcess;
import dev.gatehouse.launcher.service.Services;
import dev.gatehouse.launcher.token.TokenClient;
import dev.gatehouse.launcher.token.Tokens;
import dev.gatehouse.realm.KeycloakAdmin;
import dev.gatehouse.realm.RealmApply;
import dev.gatehouse.realm.RealmFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers path docs/running-locally.md offers to users with Docker: Keycloak
 * as a container (the Testcontainers Keycloak module, the image of the version the
 * launcher pins, the realm of auth-server-config applied by RealmApply), customer-service
 * and policy-service from their jars against it, and the contract's rules with the tokens
 * it issues, the service-to-service call included. Runs where a Docker engine answers
 * (e2e-tests' profile docker, CI's Testcontainers stage).
 */
@Tag("docker")
class KeycloakContainerEndToEndIntegrationTests {

	static KeycloakContainer keycloak;

	static final List<ServiceProcess> services = new ArrayList<>();

	static PlatformConfig config;

	static Tokens tokens;

	@BeforeAll
	static void start() {
		Path root = Repository.ROOT;
		PlatformConfig defaults = PlatformConfig.defaults(root);
		keycloak = new KeycloakContainer("quay.io/keycloak/keycloak:" + KeycloakDistribution.pinnedVersion());
		keycloak.start();
		// The realm as the launcher and the realm-apply container make it: base and demo
		// data, the
		// demo client secrets in the base realm's placeholders, applied through the admin
		// REST API.
		KeycloakAdmin admin = new KeycloakAdmin(keycloak.getAuthServerUrl(),
				KeycloakAdmin.AdminLogin.user("master", keycloak.getAdminUsername(), keycloak.getAdminPassword()));
		new RealmApply(admin).apply(RealmFiles.fromDirectory(defaults.realmDirectory())
			.resolve(true, DemoCredentials.secretVariables()::get));
		// The services as the launcher runs them, with the container's Keycloak as issuer
		// (http://localhost:<mapped port>/realms/gatehouse, the address the tokens are
		// asked at).
		config = defaults.withFreePorts()
			.withStateDir(Path.of("target/keycloak-container-state"))
			.withPort(PlatformConfig.KEYCLOAK, keycloak.getHttpPort())
			.withServices(List.of(Services.CUSTOMER_SERVICE, Services.POLICY_SERVICE));
		for (var service : config.services()) {
			services.add(ServiceProcess.start(config.serviceLaunch(service)));
		}
		services.forEach(ServiceProcess::awaitHealthy);
		tokens = new Tokens(config.issuerUri());
	}

	@AfterAll
	static void stop() {
		services.forEach(ServiceProcess::close);
		if (keycloak != null) {
			keycloak.stop();
		}
	}

	@Test
	void tokensOfTheContainersKeycloakCarryItsPublicIssuer() {
		String payload = new String(Base64.getUrlDecoder().decode(tokens.client("reporting-batch").split("\\.")[1]),
				StandardCharsets.UTF_8);
		assertThat(payload).contains("\"iss\":\"" + config.issuerUri() + "\"");
	}

	@Test
	void aCustomerSeesOnlyHerOwnRecordAndAnAgentCreatesOne() {
		String customers = config.serviceUrl("customer-service") + "/api/customers";
		var alices = Http.json(Http.get(customers, tokens.user("alice")));
		assertThat(alices.get("content")).hasSize(1);
		assertThat(alices.get("content").get(0).get("id").asString()).isEqualTo("C-1001");
		assertThat(Http.get(customers + "/C-1002", tokens.user("alice")).statusCode()).isEqualTo(404);
		assertThat(Http
			.send("POST", customers, tokens.user("bob"),
					"{\"name\":\"Container Keycloak\",\"email\":\"tc-keycloak@example.com\"}")
			.statusCode()).isEqualTo(201);
		assertThat(Http.get(customers, tokens.user("eve")).statusCode()).isEqualTo(403);
	}

	@Test
	void policyServiceChecksTheCustomerWithItsOwnClientCredentialsToken() {
		String policies = config.serviceUrl("policy-service") + "/api/policies";
		HttpResponse<String> own = Http.send("POST", policies, tokens.user("alice"),
				"{\"customerId\":\"C-1001\",\"product\":\"TRAVEL\"}");
		assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
		HttpResponse<String> franks = Http.send("POST", policies, tokens.user("alice"),
				"{\"customerId\":\"C-1002\",\"product\":\"TRAVEL\"}");
		assertThat(franks.statusCode()).isEqualTo(422);
		assertThat(franks.body()).contains("urn:gatehouse:problem:unknown-customer");
	}

	@Test
	void aTokenOfTheMasterRealmIsRejectedAsWrongIssuer() {
		String master = tokens.tokenClient().realmUrl().replace("/realms/gatehouse", "/realms/master");
		String admin = new TokenClient(master).resourceOwnerPassword("admin-cli", keycloak.getAdminUsername(),
				keycloak.getAdminPassword());
		HttpResponse<String> response = Http.get(config.serviceUrl("customer-service") + "/api/customers", admin);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("urn:gatehouse:problem:wrong-issuer");
	}

}
