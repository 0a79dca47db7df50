package dev.gatehouse.launcher.keycloak;

import dev.gatehouse.test.Repository;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.launcher.token.Jwt;
import dev.gatehouse.launcher.token.TokenException;
import dev.gatehouse.launcher.token.Tokens;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real Keycloak distribution with the real realm import, on free ports, started once
 * for the class.
 */
class KeycloakServerIntegrationTests {

	private static PlatformConfig config;

	private static KeycloakServer keycloak;

	@BeforeAll
	static void startKeycloak() {
		config = PlatformConfig.defaults(Repository.ROOT).withFreePorts().withStateDir(Path.of("target/keycloak-it"));
		keycloak = KeycloakServer.start(config.keycloakOptions(), System.out);
	}

	@AfterAll
	static void stopKeycloak() {
		if (keycloak == null) {
			return;
		}
		List<ProcessHandle> tree = new ArrayList<>(
				ProcessHandle.of(keycloak.pid()).orElseThrow().descendants().toList());
		keycloak.close();
		assertThat(keycloak.isAlive()).isFalse();
		assertThat(tree).noneMatch(ProcessHandle::isAlive);
		assertThat(config.runDirectory().record(KeycloakServer.NAME)).isEmpty();
	}

	@Test
	void issuerIsLocalhostOnTheChosenPort() {
		assertThat(keycloak.issuerUri()).isEqualTo("http://localhost:" + config.keycloakPort() + "/realms/gatehouse");
		assertThat(config.runDirectory().record(KeycloakServer.NAME).orElseThrow().pid()).isEqualTo(keycloak.pid());
	}

	@Test
	void reportingBatchGetsAClientCredentialsTokenForTheApi() {
		JsonNode claims = Jwt.claims(keycloak.tokens().client("reporting-batch"));

		assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuerUri());
		assertThat(audiences(claims)).contains("gatehouse-api");
		assertThat(claims.path("azp").asString()).isEqualTo("reporting-batch");
		assertThat(realmRoles(claims)).contains("customer:read", "policy:read");
	}

	@Test
	void aliceGetsAUserTokenThroughAuthorizationCodeWithPkce() {
		String token = keycloak.tokens().user("alice");
		JsonNode claims = Jwt.claims(token);

		assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuerUri());
		assertThat(audiences(claims)).contains("gatehouse-api");
		assertThat(claims.path("azp").asString()).isEqualTo(DemoCredentials.WEB_CLIENT);
		assertThat(claims.path("preferred_username").asString()).isEqualTo("alice");
		assertThat(realmRoles(claims)).contains("customer");
	}

	@Test
	void aWrongPasswordIsReportedWithKeycloaksMessage() {
		Tokens tokens = keycloak.tokens();

		assertThatThrownBy(() -> tokens.tokenClient()
			.authorizationCode(DemoCredentials.WEB_CLIENT, DemoCredentials.CLI_REDIRECT_URI, "alice", "not-alice-pass"))
			.isInstanceOf(TokenException.class)
			.hasMessageContaining("Invalid username or password");
	}

	@Test
	void theBootstrapAdminCanUseTheAdminRestApi() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/gatehouse/keys"))
			.header("Authorization", "Bearer " + keycloak.adminAccessToken())
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("RS256");
	}

	private static List<String> audiences(JsonNode claims) {
		JsonNode aud = claims.path("aud");
		if (aud.isArray()) {
			return aud.values().stream().map(JsonNode::asString).toList();
		}
		return List.of(aud.asString());
	}

	private static List<String> realmRoles(JsonNode claims) {
		return claims.path("realm_access").path("roles").values().stream().map(JsonNode::asString).toList();
	}

}
