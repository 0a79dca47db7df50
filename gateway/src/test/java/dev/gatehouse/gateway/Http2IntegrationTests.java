package dev.gatehouse.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TlsClient;

import static dev.gatehouse.test.TlsClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 on the TLS listener, negotiated by ALPN with the JDK's client, through the same
 * security chains, rate limits, request checks and access log as HTTP/1.1; the plain
 * listener stays HTTP/1.1.
 */
@ExtendWith(OutputCaptureExtension.class)
class Http2IntegrationTests extends GatewayTestSupport {

	final HttpClient http2 = HttpClient.newBuilder()
		.sslContext(TlsClient.sslContext(tlsDirectory, null))
		.version(HttpClient.Version.HTTP_2)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	HttpResponse<String> get(String url, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http2.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	String tlsUrl(String path) {
		return "https://localhost:" + this.tls.port() + path;
	}

	@Test
	void basicOverHttp2ReachesTheBackendWithRateLimitHeadersAndAnAccessLogLine(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get(tlsUrl("/internal/reports"), "Authorization", basic("ops", "ops-pass"));
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
		assertThat(policies.received()).singleElement()
			.satisfies((received) -> assertThat(received.headers().get("x-gatehouse-caller")).containsExactly("ops"));
		assertThat(output.getOut()).containsPattern(
				"\"type\":\"access\"[^\\n]*\"path\":\"/internal/reports\"[^\\n]*\"status\":200[^\\n]*\"listener\":\"https\"");
	}

	@Test
	void bearerChecksApplyOverHttp2() throws Exception {
		HttpResponse<String> refused = get(tlsUrl("/api/customers"), "Authorization", "Bearer not.a.token");
		assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
		HttpResponse<String> allowed = get(tlsUrl("/api/customers"), "Authorization",
				bearer(issuer.token(Persona.BOB).build()));
		assertThat(allowed.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(customers.received()).hasSize(1);
	}

	@Test
	void requestChecksApplyOverHttp2() throws Exception {
		HttpResponse<String> tooLarge = get(tlsUrl("/api/customers"), "X-Padding", "p".repeat(20 * 1024));
		assertThat(tooLarge.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(tooLarge.statusCode()).isEqualTo(431);
		assertThat(tooLarge.body()).contains("urn:gatehouse:problem:headers-too-large");
		HttpResponse<String> inQuery = get(tlsUrl("/api/customers?access_token=abc"));
		assertThat(inQuery.statusCode()).isEqualTo(400);
		assertThat(inQuery.body()).contains("urn:gatehouse:problem:credentials-in-query");
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void thePlainListenerStaysHttp11() throws Exception {
		HttpResponse<String> response = get("http://127.0.0.1:" + this.port + "/api/customers");
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		assertThat(response.statusCode()).isEqualTo(401);
	}

}
