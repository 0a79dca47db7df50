package dev.gatehouse.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.realm.RealmFiles;
import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realm change made after the first start reaches the running Keycloak of the compose
 * stack without wiping a volume: the realm files with a new role and a new client (its
 * service account holding the role), applied by the realm-apply one-shot as
 * deploy/README.md says ({@code docker compose run --rm realm-apply}, here with the
 * changed files mounted in place of auth-server-config/). The new client's tokens carry
 * the new role and pass the gateway; the existing users and the data stay; a second run
 * changes nothing.
 */
@ComposeOnly
@Order(Integer.MAX_VALUE - 2)
@ExtendWith(RunningPlatform.class)
class ComposeRealmChangeEndToEndIntegrationTests {

	static final Path CHANGED = Path.of("target/changed-realm").toAbsolutePath();

	static final String CLIENT = "e2e-realm-change";

	static final String ROLE = "report:export";

	static final String SECRET_VARIABLE = "E2E_REALM_CHANGE_CLIENT_SECRET";

	static final String SECRET = "e2e-realm-change-secret";

	static final JsonMapper json = JsonMapper.builder().build();

	static ComposeTarget target;

	@BeforeAll
	static void target(Target running) {
		target = (ComposeTarget) running;
	}

	@Test
	void aNewRoleAndClientReachTheRunningKeycloakAndUsersAndDataStay() throws IOException {
		String bob = target.tokens().user("bob");
		HttpResponse<String> created = Http.send("POST", target.gateway("/api/customers"), bob,
				"{\"name\":\"Before the realm change\",\"email\":\"realm-change-" + System.nanoTime()
						+ "@example.com\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String location = URI.create(created.headers().firstValue("Location").orElseThrow()).getRawPath();

		writeChangedRealm();
		String applied = realmApply();
		assertThat(applied).contains(ROLE).contains(CLIENT);

		String token = target.tokens().tokenClient().clientCredentials(CLIENT, SECRET);
		assertThat(claims(token).path("realm_access").path("roles").valueStream().map(JsonNode::asString))
			.contains(ROLE, "customer:read");
		assertThat(Http.get(target.gateway("/api/customers"), token).statusCode()).isEqualTo(200);

		// Nothing wiped: bob (his password), his session-independent data, the customer
		// written before.
		HttpResponse<String> kept = Http.get(target.gateway(location), target.tokens().user("bob"));
		assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
		assertThat(Http.json(kept).path("name").asString()).isEqualTo("Before the realm change");

		assertThat(realmApply()).contains("0 change(s)");
	}

	/**
	 * auth-server-config's realm files, the base one with a new role, client, service
	 * account and scope mapping.
	 */
	private static void writeChangedRealm() throws IOException {
		FileSystemUtils.deleteRecursively(CHANGED);
		Files.createDirectories(CHANGED);
		Path source = Commands.ROOT.resolve("auth-server-config");
		Files.copy(source.resolve(RealmFiles.DEMO), CHANGED.resolve(RealmFiles.DEMO));
		ObjectNode realm = (ObjectNode) json.readTree(Files.readString(source.resolve(RealmFiles.BASE)));
		((ArrayNode) realm.path("roles").path("realm")).addObject()
			.put("name", ROLE)
			.put("description", "Export reports (added after the first start)")
			.put("composite", false);
		ObjectNode client = ((ArrayNode) realm.path("clients")).addObject();
		client.put("clientId", CLIENT)
			.put("enabled", true)
			.put("publicClient", false)
			.put("standardFlowEnabled", false)
			.put("directAccessGrantsEnabled", false)
			.put("serviceAccountsEnabled", true)
			.put("fullScopeAllowed", false)
			.put("clientAuthenticatorType", "client-secret")
			.put("secret", "${" + SECRET_VARIABLE + "}");
		client.putArray("defaultClientScopes").add("basic").add("profile").add("roles").add("gatehouse-api");
		ObjectNode account = ((ArrayNode) realm.path("users")).addObject();
		account.put("username", "service-account-" + CLIENT).put("enabled", true).put("serviceAccountClientId", CLIENT);
		account.putArray("realmRoles").add("customer:read").add(ROLE);
		ObjectNode mapping = ((ArrayNode) realm.path("scopeMappings")).addObject();
		mapping.put("client", CLIENT);
		mapping.putArray("roles").add("customer:read").add(ROLE);
		Files.writeString(CHANGED.resolve(RealmFiles.BASE),
				json.writerWithDefaultPrettyPrinter().writeValueAsString(realm));
		// The container's user (10001) reads them through the bind mount.
		CHANGED.toFile().setReadable(true, false);
		CHANGED.toFile().setExecutable(true, false);
		for (String file : new String[] { RealmFiles.BASE, RealmFiles.DEMO }) {
			CHANGED.resolve(file).toFile().setReadable(true, false);
		}
	}

	/**
	 * {@code docker-compose run --rm realm-apply} reading the changed files instead of
	 * auth-server-config/. They are mounted at a path of their own: a second bind mount
	 * on the service's /realm is not reliably the one that wins.
	 */
	private static String realmApply() {
		return target.compose()
			.compose(Compose.COMMAND_TIMEOUT, "run", "--rm", "-T", "-e", SECRET_VARIABLE + "=" + SECRET, "-e",
					"GATEHOUSE_REALMAPPLY_REALMDIRECTORY=/realm-changed", "-v", CHANGED + ":/realm-changed:ro",
					"realm-apply");
	}

	private static JsonNode claims(String token) {
		return json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
	}

}
