package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health checks over HTTP: healthy means 200, and when the body is a JSON object with a
 * {@code status} (Spring Boot's actuator), that status is {@code UP}.
 */
public final class HttpProbe {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private HttpProbe() {
	}

	public static boolean isHealthy(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && statusIsUpOrAbsent(response.body());
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static boolean statusIsUpOrAbsent(String body) {
		try {
			JsonNode status = JSON.readTree(body).path("status");
			return status.isMissingNode() || "UP".equals(status.asString());
		}
		catch (JacksonException ex) {
			return true;
		}
	}

}
