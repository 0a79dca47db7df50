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
 * The service started alone, on real ports, with no issuer running: an unauthenticated
 * call gets 401 with a challenge and a problem body, and health answers on the management
 * port only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"gatehouse.security.issuer-uri=http://localhost:1/realms/gatehouse" })
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

	/**
	 * The gateway passes on up to gatehouse.security.max-request-headers (16 KB) of a
	 * client's headers and adds its own (its token, X-Forwarded-For, traceparent): all of
	 * it is read here (Tomcat's own default, 8 KB, refused such requests with an HTML
	 * page).
	 */
	@Test
	void headersTheGatewayPassesOnAreRead() throws Exception {
		HttpResponse<String> response = get("http://127.0.0.1:" + this.port + "/api/customers", "X-Client-Padding",
				"c".repeat(16 * 1024), "X-Gateway-Padding", "g".repeat(4 * 1024));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("urn:gatehouse:problem:missing-token");
	}

	@Test
	void headersBeyondTheServersLimitGetAProblemBodyNotTomcatsPage() throws Exception {
		HttpResponse<String> response = get("http://127.0.0.1:" + this.port + "/api/customers", "X-Padding",
				"p".repeat(40 * 1024));
		assertThat(response.statusCode()).isIn(400, 431);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:gatehouse:problem:headers-too-large\"")
			.contains("\"traceId\":")
			.doesNotContainIgnoringCase("tomcat")
			.doesNotContain("<html");
	}

	private HttpResponse<String> get(String url, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
