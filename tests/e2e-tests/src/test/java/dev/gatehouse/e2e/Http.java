package dev.gatehouse.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls as any API client makes them. While a test of a {@link WafChecked}
 * class runs, each call is first held against the edge's WAF ({@link WafMirror}).
 */
final class Http {

	private static volatile HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The check of the running test, if its class opted into one; null otherwise. */
	private static volatile Consumer<HttpRequest> requestCheck;

	private static final JsonMapper json = JsonMapper.builder().build();

	private Http() {
	}

	static HttpResponse<String> send(String method, String url, String token, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(client, request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	/** Sends a request built by the caller, for headers beyond a bearer token. */
	static HttpResponse<String> send(HttpRequest.Builder request) {
		return send(client, request);
	}

	/**
	 * HTTPS calls trust what the target's TLS addresses present (the dev PKI's CA, the
	 * compose edge's certificate).
	 */
	static void trust(SSLContext context) {
		client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * @param check runs on each request before it is sent, until replaced; null for none
	 */
	static void checkRequestsWith(Consumer<HttpRequest> check) {
		requestCheck = check;
	}

	static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
		HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
		Consumer<HttpRequest> check = requestCheck;
		if (check != null) {
			check.accept(built);
		}
		try {
			return http.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static HttpResponse<String> get(String url, String token) {
		return send("GET", url, token, null);
	}

	static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

}
