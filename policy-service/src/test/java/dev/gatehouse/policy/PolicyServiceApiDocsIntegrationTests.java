package dev.gatehouse.policy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.gatehouse.test.openapi.ServiceApiDescription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started on a real port publishes its OpenAPI 3.1 description without a
 * token, with every endpoint gatehouse.yaml declares for it, the roles there, the
 * problems and the security schemes; nothing else of springdoc's is open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0",
				"gatehouse.security.issuer-uri=" + PolicyServiceApiDocsIntegrationTests.ISSUER,
				"POLICY_SERVICE_CLIENT_SECRET=" + TestBackends.CLIENT_SECRET })
class PolicyServiceApiDocsIntegrationTests {

	static final String ISSUER = "http://localhost:1/realms/gatehouse";

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void descriptionIsOpenApi31WithEveryDeclaredOperationItsRolesProblemsAndSecuritySchemes() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		ServiceApiDescription.assertDescribes(response.body(), "policy-service", ISSUER);
	}

	@Test
	void onlyTheJsonDescriptionIsOpenWithoutAToken() throws Exception {
		assertThat(get("/v3/api-docs.yaml").statusCode()).isEqualTo(401);
		assertThat(get("/v3/api-docs/swagger-config").statusCode()).isEqualTo(401);
		assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
