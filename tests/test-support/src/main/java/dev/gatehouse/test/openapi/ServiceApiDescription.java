package dev.gatehouse.test.openapi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.SoftAssertions;

import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Endpoint;

/**
 * A service's OpenAPI description held to gatehouse.yaml: OpenAPI 3.1, exactly the
 * declared endpoints, each with its declared roles, the token it needs and a problem body
 * for every error status it can answer, and the security schemes under the service's
 * issuer.
 */
public final class ServiceApiDescription {

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

	private ServiceApiDescription() {
	}

	public static void assertDescribes(String json, String service, String issuer) {
		Map<String, Object> document = JsonPath.parse(json).read("$");
		AuthorizationDeclaration declaration = AuthorizationDeclaration.load();
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat((String) document.get("openapi")).as("OpenAPI version").startsWith("3.1.");

		Set<String> declared = new TreeSet<>();
		declaration.endpoints(service).forEach((endpoint) -> declared.add(endpoint.path()));
		softly.assertThat(map(document, "paths").keySet())
			.as("paths of " + service)
			.containsExactlyInAnyOrderElementsOf(declared);

		for (Endpoint endpoint : declaration.endpoints(service)) {
			String where = endpoint.method() + " " + endpoint.path();
			Map<String, Object> operation = map(map(map(document, "paths"), endpoint.path()),
					endpoint.method().toLowerCase(Locale.ROOT));
			if (operation == null) {
				softly.fail(where + " is not described");
				continue;
			}
			softly.assertThat(operation.get("x-gatehouse-any-authority"))
				.as(where + " roles")
				.isEqualTo(endpoint.anyAuthority());
			softly.assertThat(operation.get("security"))
				.as(where + " security")
				.isEqualTo(List.of(Map.of("oauth2", List.of())));
			Set<String> problems = new TreeSet<>(List.of("400", "401", "403", "500", "503"));
			if (endpoint.path().contains("{")) {
				problems.add("404");
			}
			if (WRITES.contains(endpoint.method())) {
				problems.addAll(List.of("409", "413", "415"));
			}
			Map<String, Object> responses = map(operation, "responses");
			for (String status : problems) {
				softly.assertThat(responses).as(where + " responses").containsKey(status);
			}
			responses.forEach((status, response) -> {
				if (status.startsWith("4") || status.startsWith("5")) {
					softly.assertThat(
							(Object) JsonPath.read(response, "$.content['application/problem+json'].schema['$ref']"))
						.as(where + " " + status + " body")
						.isEqualTo("#/components/schemas/Problem");
				}
			});
		}

		Map<String, Object> problem = map(map(map(document, "components"), "schemas"), "Problem");
		softly.assertThat(map(problem, "properties"))
			.as("Problem schema")
			.containsKeys("type", "title", "status", "detail", "instance", "traceId", "errors");

		Map<String, Object> schemes = map(map(document, "components"), "securitySchemes");
		softly.assertThat((Object) JsonPath.read(schemes, "$.oauth2.flows.authorizationCode.authorizationUrl"))
			.isEqualTo(issuer + "/protocol/openid-connect/auth");
		softly.assertThat((Object) JsonPath.read(schemes, "$.oauth2.flows.authorizationCode.tokenUrl"))
			.isEqualTo(issuer + "/protocol/openid-connect/token");
		softly.assertThat((Object) JsonPath.read(schemes, "$.oauth2.flows.clientCredentials.tokenUrl"))
			.isEqualTo(issuer + "/protocol/openid-connect/token");
		softly.assertThat((Object) JsonPath.read(schemes, "$.oauth2.description")).asString().contains("PKCE");
		softly.assertThat(map(schemes, "apiKey"))
			.containsEntry("type", "apiKey")
			.containsEntry("in", "header")
			.containsEntry("name", "x-api-key");
		softly.assertThat(map(schemes, "mutualTLS")).containsEntry("type", "mutualTLS");
		softly.assertAll();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		return (parent != null) ? (Map<String, Object>) parent.get(key) : null;
	}

}
