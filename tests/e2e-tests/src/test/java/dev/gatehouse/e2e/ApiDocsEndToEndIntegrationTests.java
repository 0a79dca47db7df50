package dev.gatehouse.e2e;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Endpoint;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Route;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API descriptions as a caller reads them from the gateway: fetched from the running
 * services, every declared endpoint under exactly the public paths of the routes that
 * reach it, with the route's security, the declared roles on token routes, problem
 * bodies, and the gateway as the server; nothing else of a service is reachable.
 */
@ExtendWith(RunningPlatform.class)
@WafChecked
class ApiDocsEndToEndIntegrationTests {

	static final AuthorizationDeclaration declaration = AuthorizationDeclaration.load();

	static Target target;

	@BeforeAll
	static void target(Target running) {
		target = running;
	}

	@Test
	void indexListsTheDescriptionOfEveryRoutedService() {
		HttpResponse<String> response = Http.get(target.gateway("/api-docs"), null);

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, String> urls = new TreeMap<>();
		Http.json(response)
			.path("urls")
			.forEach((entry) -> urls.put(entry.path("name").asString(), entry.path("url").asString()));
		Map<String, String> expected = new TreeMap<>();
		routedServices().forEach((service) -> expected.put(service, "/api-docs/" + service));
		assertThat(urls).containsExactlyEntriesOf(expected);
	}

	/** Every service gatehouse.yaml routes to (one new-service made too). */
	static List<String> routedServices() {
		return declaration.routes().stream().map(Route::service).distinct().toList();
	}

	@ParameterizedTest
	@MethodSource("routedServices")
	void everyDeclaredEndpointIsPublishedUnderItsPublicPathsWithTheRoutesSecurityAndRoles(String service) {
		HttpResponse<String> response = Http.get(target.gateway("/api-docs/" + service), null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = Http.json(response);
		assertThat(document.path("openapi").asString()).startsWith("3.1.");
		assertThat(document.path("servers").get(0).path("url").asString())
			.isEqualTo(target.gateway("").replaceAll("/+$", ""));

		Set<String> expectedPaths = new TreeSet<>();
		for (Endpoint endpoint : declaration.endpoints(service)) {
			declaration.publicPaths(endpoint).forEach((route, path) -> {
				expectedPaths.add(path);
				JsonNode operation = document.path("paths").path(path).path(endpoint.method().toLowerCase(Locale.ROOT));
				String where = endpoint.method() + " " + path + " (route " + route.id() + ")";
				assertThat(operation.isObject()).as(where + " is described").isTrue();
				assertThat(strings(operation.path("x-gatehouse-credentials"))).as(where + " credentials")
					.isEqualTo(route.credentials());
				assertThat(security(operation)).as(where + " security").isEqualTo(security(route));
				if (callsWithTheCallersToken(route)) {
					assertThat(strings(operation.path("x-gatehouse-any-authority"))).as(where + " roles")
						.isEqualTo(endpoint.anyAuthority());
				}
				else {
					assertThat(operation.has("x-gatehouse-any-authority")).as(where + " names no gateway role")
						.isFalse();
				}
				for (String status : List.of("401", "403", "429", "503")) {
					assertThat(operation.path("responses")
						.path(status)
						.path("content")
						.path("application/problem+json")
						.path("schema")
						.path("$ref")
						.asString()).as(where + " " + status).isEqualTo("#/components/schemas/Problem");
				}
			});
		}
		Set<String> published = new TreeSet<>(document.path("paths").propertyNames());
		assertThat(published).as("public paths of " + service).isEqualTo(expectedPaths);
		assertThat(document.path("components")
			.path("securitySchemes")
			.path("oauth2")
			.path("flows")
			.path("authorizationCode")
			.path("authorizationUrl")
			.asString()).isEqualTo(target.issuerUri() + "/protocol/openid-connect/auth");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v3/api-docs", "/v3/api-docs.yaml", "/api-docs/gateway", "/api-docs/keycloak",
			"/api-docs/customer-service/v3/api-docs", "/actuator/health", "/swagger-ui/index.html" })
	void nothingElseOfTheServicesIsReachable(String path) {
		HttpResponse<String> response = Http.get(target.gateway(path), null);

		assertThat(response.statusCode()).as(path).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
		assertThat(response.body()).as(path).doesNotContain("openapi");
	}

	/**
	 * A number where the description says string: Jackson would coerce it at the service
	 * and store the record; the gateway refuses it against the description, and no record
	 * appears.
	 */
	@Test
	void writeThatDoesNotMatchTheDescriptionIsRefusedAtTheGatewayNamingTheField() {
		String bob = RealTokens.of(target, "bob");
		String email = "api-docs-" + System.nanoTime() + "@example.com";

		HttpResponse<String> response = Http.send("POST", target.gateway("/api/customers"), bob,
				"{\"name\":42,\"email\":\"" + email + "\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = Http.json(response);
		assertThat(problem.path("type").asString()).isEqualTo("urn:gatehouse:problem:validation-failed");
		assertThat(problem.path("detail").asString()).startsWith("The request does not match the API description");
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).as(response.body()).contains("name");
		assertThat(Http.get(target.gateway("/api/customers?size=100"), bob).body()).doesNotContain(email);
	}

	/**
	 * The caller's own token goes to the service: a token route with no GatewayToken
	 * filter.
	 */
	private static boolean callsWithTheCallersToken(Route route) {
		return route.credentials().stream().allMatch((credential) -> credential.endsWith("token"));
	}

	private static Set<List<String>> security(Route route) {
		Set<List<String>> requirements = new LinkedHashSet<>();
		for (String credential : route.credentials()) {
			requirements.add(switch (credential) {
				case "certificate-bound-token" -> List.of("mutualTLS", "oauth2");
				case "api-key" -> List.of("apiKey");
				case "client-certificate" -> List.of("mutualTLS");
				case "basic" -> List.of("basic");
				default -> List.of("oauth2");
			});
		}
		return requirements;
	}

	private static Set<List<String>> security(JsonNode operation) {
		Set<List<String>> requirements = new LinkedHashSet<>();
		operation.path("security").forEach((requirement) -> {
			List<String> schemes = new ArrayList<>(requirement.propertyNames());
			schemes.sort(null);
			requirements.add(schemes);
		});
		return requirements;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
