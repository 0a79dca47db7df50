package dev.gatehouse.gateway;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubTokenEndpoint;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.test.Persona;

import static dev.gatehouse.test.TlsClient.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access log, metrics, trace propagation, and where actuator is (and is not) reachable.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests extends GatewayTestSupport {

	static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@SuppressWarnings("unchecked")
	Map<String, Object> accessLine(CapturedOutput output, String path) {
		await().until(() -> output.getOut().lines().anyMatch((line) -> isAccessLine(line, path)));
		String line = output.getOut()
			.lines()
			.filter((candidate) -> isAccessLine(candidate, path))
			.reduce((a, b) -> b)
			.orElseThrow();
		return this.json.readValue(line, Map.class);
	}

	private static boolean isAccessLine(String line, String path) {
		return line.startsWith("{") && line.contains("\"type\":\"access\"")
				&& line.contains("\"path\":\"" + path + "\"");
	}

	@Test
	void everyRequestWritesOneJsonAccessLineWithRouteCallerStatusAndLatency(CapturedOutput output) {
		client().get()
			.uri("/api/customers/C-1001?fields=name")
			.header("Authorization", bearer(issuer.token(Persona.BOB).build()))
			.exchange()
			.expectStatus()
			.isOk();
		Map<String, Object> line = accessLine(output, "/api/customers/C-1001");
		assertThat(line).containsEntry("method", "GET")
			.containsEntry("route", "customers")
			.containsEntry("status", 200)
			.containsEntry("principal", "bob")
			.containsEntry("client", "127.0.0.1")
			.containsEntry("listener", "http")
			.containsKeys("timestamp", "latencyMs");
		assertThat((String) line.get("traceId")).matches(TRACE_ID);
		assertThat(output.getOut()).doesNotContain("fields=name");
		assertThat(output.getOut().lines().filter((l) -> isAccessLine(l, "/api/customers/C-1001"))).hasSize(1);
	}

	@Test
	void tlsCallsAreLoggedWithTheirListenerAndBasicUser(CapturedOutput output) {
		new TlsClient(tlsDirectory).get("https://127.0.0.1:" + this.tls.port() + "/internal/reports", "Authorization",
				basic("ops", "ops-pass"));
		assertThat(accessLine(output, "/internal/reports")).containsEntry("listener", "https")
			.containsEntry("principal", "ops")
			.containsEntry("route", "internal")
			.containsEntry("status", 200);
	}

	@Test
	void apiKeyCallsAreLoggedWithTheKeyIdAndPartnerNeverTheKey(CapturedOutput output) {
		client().get().uri("/partner/v1/policies").header("x-api-key", "ghk_test_acme_0123456789abcdef").exchange();
		Map<String, Object> line = accessLine(output, "/partner/v1/policies");
		assertThat(line).containsEntry("credential", "api-key:acme-demo")
			.containsEntry("principal", "acme")
			.containsEntry("route", "partner-v1");
	}

	@Test
	void refusalsAreLoggedWithTheirStatus(CapturedOutput output) {
		client().get().uri("/partner/v1/policies").header("x-api-key", "ghk_test_globex_fedcba9876543210").exchange();
		Map<String, Object> line = accessLine(output, "/partner/v1/policies");
		assertThat(line).containsEntry("status", 401).containsEntry("credential", "api-key:globex-demo");
	}

	@Test
	void noTokenKeyOrPasswordEverReachesTheLogs(CapturedOutput output) {
		String token = issuer.token(Persona.DAVE).build();
		String key = "ghk_test_acme_0123456789abcdef";
		String revoked = "ghk_test_globex_fedcba9876543210";
		TlsClient https = new TlsClient(tlsDirectory);
		String tlsBase = "https://127.0.0.1:" + this.tls.port();
		client().get().uri("/api/customers").header("Authorization", bearer(token)).exchange();
		client().post().uri("/api/customers").header("Authorization", bearer(token)).exchange();
		client().get().uri("/api/customers").header("Authorization", bearer(token + "x")).exchange();
		client().get().uri("/partner/v1/policies").header("x-api-key", key).exchange();
		client().get().uri("/partner/v1/policies").header("x-api-key", revoked).exchange();
		client().get().uri("/partner/v1/policies?api_key=" + key).exchange();
		https.get(tlsBase + "/internal/reports", "Authorization", basic("ops", "ops-pass"));
		https.get(tlsBase + "/internal/reports", "Authorization", basic("ops", "ops-secret-typo"));
		client().get().uri("/internal/reports").header("Authorization", basic("ops", "ops-pass")).exchange();
		String gatewayToken = tokens.lastToken();
		await().until(() -> output.getOut().contains("/internal/reports"));
		String logs = output.getAll();
		assertThat(logs).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
			.doesNotContain(key)
			.doesNotContain(revoked)
			.doesNotContain("ops-pass")
			.doesNotContain("ops-secret-typo")
			.doesNotContain(Base64.getEncoder().encodeToString("ops:ops-pass".getBytes()))
			.doesNotContain(StubTokenEndpoint.SECRET);
		if (gatewayToken != null) {
			assertThat(logs).doesNotContain(gatewayToken.substring(gatewayToken.lastIndexOf('.') + 1));
		}
	}

	@Test
	void authenticationFailuresAreCountedByReason() {
		double before = count("gatehouse.authentication.failures", "unknown-api-key");
		client().get().uri("/partner/v1/policies").header("x-api-key", "ghk_test_nobody").exchange();
		client().get().uri("/partner/v1/policies").header("x-api-key", "ghk_test_nobody_either").exchange();
		assertThat(count("gatehouse.authentication.failures", "unknown-api-key")).isEqualTo(before + 2);
		double expired = count("gatehouse.authentication.failures", "expired-token");
		client().get()
			.uri("/api/customers")
			.header("Authorization",
					bearer(issuer.token(Persona.BOB).expiresAt(Instant.now().minusSeconds(300)).build()))
			.exchange();
		assertThat(count("gatehouse.authentication.failures", "expired-token")).isEqualTo(expired + 1);
	}

	@Test
	void failureCounterIsPublishedOnTheManagementPort() {
		client().get().uri("/partner/v1/policies").exchange();
		management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body)
				.contains("gatehouse_authentication_failures_total{reason=\"missing-api-key\""));
	}

	private double count(String name, String reason) {
		Counter counter = this.meters.find(name).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void w3cTraceContextIsPropagatedToTheBackendAndNamedInLogsAndProblems(CapturedOutput output) {
		traceContextReachesTheBackend(bearer(issuer.token(Persona.DAVE).build()));
		assertThat(accessLine(output, "/api/policies")).containsEntry("traceId", CALLER_TRACE_ID);
		refusalNamesTheTrace();
	}

	@Test
	void actuatorIsNotReachableThroughThePublicListeners() {
		client().get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		client().get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
		HttpResponse<String> overTls = new TlsClient(tlsDirectory)
			.get("https://127.0.0.1:" + this.tls.port() + "/actuator/health");
		assertThat(overTls.statusCode()).isEqualTo(404);
	}

	@Test
	void managementPortServesHealthAndMetricsButNeverTheGatewayEndpoint() {
		management().get().uri("/actuator/health").exchange().expectStatus().isOk();
		management().get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
		management().get().uri("/actuator/gateway/globalfilters").exchange().expectStatus().isNotFound();
		management().get()
			.uri("/actuator")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("gateway"));
	}

	private WebTestClient management() {
		return client("http://127.0.0.1:" + this.managementPort);
	}

}
