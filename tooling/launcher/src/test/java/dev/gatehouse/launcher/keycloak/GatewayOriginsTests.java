package dev.gatehouse.launcher.keycloak;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.realm.RealmFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's redirect URIs follow the gateway's ports of the run: the realm names the
 * contract's (8080, 8443), a run on free ports registers its own, and nothing else of the
 * realm changes.
 */
class GatewayOriginsTests {

	@Test
	void portalRedirectUrisMoveToTheGatewayPortsOfTheRun() {
		PlatformConfig config = PlatformConfig.defaults(Path.of("/repo")).withFreePorts();
		ObjectNode realm = RealmFiles.fromClasspath().resolve(true, DemoCredentials.secretVariables()::get);
		String web = client(realm, "gatehouse-web").toString();

		KeycloakServer.withGatewayOrigins(realm, config.keycloakOptions().gatewayOrigins());

		int http = config.port("gateway");
		int tls = config.port("gateway-tls");
		JsonNode portal = client(realm, "gatehouse-portal");
		assertThat(portal.path("redirectUris").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(
				"http://127.0.0.1:" + http + "/login/oauth2/code/gatehouse",
				"https://localhost:" + tls + "/login/oauth2/code/gatehouse");
		assertThat(portal.path("attributes").path("post.logout.redirect.uris").asString())
			.isEqualTo("http://127.0.0.1:" + http + "/portal/##https://localhost:" + tls + "/portal/");
		assertThat(config.portalUrl()).isEqualTo("http://127.0.0.1:" + http + "/portal/");
		assertThat(client(realm, "gatehouse-web").toString()).isEqualTo(web);
	}

	@Test
	void onTheContractsPortsNothingChanges() {
		PlatformConfig config = PlatformConfig.defaults(Path.of("/repo"));
		ObjectNode realm = RealmFiles.fromClasspath().resolve(true, DemoCredentials.secretVariables()::get);
		String before = realm.toString();

		KeycloakServer.withGatewayOrigins(realm, config.keycloakOptions().gatewayOrigins());

		assertThat(realm.toString()).isEqualTo(before);
		assertThat(config.portalUrl()).isEqualTo("http://127.0.0.1:8080/portal/");
	}

	private static JsonNode client(ObjectNode realm, String clientId) {
		return realm.path("clients")
			.valueStream()
			.filter((client) -> client.path("clientId").asString().equals(clientId))
			.findFirst()
			.orElseThrow();
	}

}
