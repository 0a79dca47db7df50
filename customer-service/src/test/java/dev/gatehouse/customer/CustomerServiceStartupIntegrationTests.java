package dev.gatehouse.customer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started alone, on real ports, with no issuer running: an unauthenticated call gets
 * 401 with a challenge and a problem body, and health answers on the management port only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gatehouse.security.issuer-uri=http://localhost:1/realms/gatehouse" })
class CustomerServiceStartupIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void unauthenticatedCallIsAnswered401WithChallengeAndProblemBody() throws Exception {
		HttpResponse<String> response = get("http://127.0.0.1:" + this.port + "/api/customers");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:gatehouse:problem:missing-token\"")
			.contains("\"status\":401")
			.contains("\"traceId\":");
	}

	@Test
	void healthIsOnTheManagementPortAndNotOnTheApiPort() throws Exception {
		assertThat(get("http://127.0.0.1:" + this.managementPort + "/actuator/health").body()).contains("\"UP\"");
		assertThat(get("http://127.0.0.1:" + this.port + "/actuator/health").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
