package dev.gatehouse.realmapply;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.realm.RealmFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An Ingress host as a portal origin (the Kubernetes overlays' realm-apply setting):
 * exact addresses added to the portal client only, the realm file's kept, nothing else
 * changed; a value that is no origin is refused with its name.
 */
class PortalOriginsTests {

	@Test
	void eachOriginAddsItsExactCallbackAndPostLogoutAddressToThePortalClientOnly() {
		ObjectNode realm = RealmFiles.fromClasspath().resolve(false, (variable) -> "test-secret");
		String others = clientsOtherThanThePortal(realm);

		PortalOrigins.add(realm, List.of(URI.create("https://api.gatehouse.example")));

		JsonNode portal = portal(realm);
		assertThat(portal.path("redirectUris").valueStream().map(JsonNode::asString)).containsExactly(
				"http://127.0.0.1:8080/login/oauth2/code/gatehouse",
				"https://localhost:8443/login/oauth2/code/gatehouse",
				"https://api.gatehouse.example/login/oauth2/code/gatehouse");
		assertThat(portal.path("attributes").path("post.logout.redirect.uris").asString()).isEqualTo(
				"http://127.0.0.1:8080/portal/##https://localhost:8443/portal/##https://api.gatehouse.example/portal/");
		assertThat(clientsOtherThanThePortal(realm)).isEqualTo(others);
	}

	@Test
	void anOriginAlreadyRegisteredIsNotAddedTwice() {
		ObjectNode realm = RealmFiles.fromClasspath().resolve(false, (variable) -> "test-secret");
		String before = portal(realm).toString();

		PortalOrigins.add(realm, List.of(URI.create("https://localhost:8443")));

		assertThat(portal(realm).toString()).isEqualTo(before);
	}

	@Test
	void aValueThatIsNoOriginIsRefusedByName() {
		for (String wrong : List.of("https://api.example.com/portal", "https://*.example.com", "api.example.com",
				"ftp://api.example.com", "https://api.example.com?x=1")) {
			assertThatIllegalArgumentException().isThrownBy(() -> PortalOrigins.origin(URI.create(wrong)))
				.withMessageContaining("gatehouse.realm-apply.portal-origins: '" + wrong + "' is not an origin");
		}
		assertThat(PortalOrigins.origin(URI.create("https://api.example.com/"))).isEqualTo("https://api.example.com");
	}

	private static JsonNode portal(ObjectNode realm) {
		return realm.path("clients")
			.valueStream()
			.filter((client) -> client.path("clientId").asString().equals(PortalOrigins.CLIENT))
			.findFirst()
			.orElseThrow();
	}

	private static String clientsOtherThanThePortal(ObjectNode realm) {
		return realm.path("clients")
			.valueStream()
			.filter((client) -> !client.path("clientId").asString().equals(PortalOrigins.CLIENT))
			.toList()
			.toString();
	}

}
