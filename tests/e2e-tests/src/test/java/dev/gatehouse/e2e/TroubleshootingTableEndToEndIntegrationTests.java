package dev.gatehouse.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gatehouse.launcher.token.TokenClient;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.test.TlsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The article's "Common API Authentication Issues" table, one test per row, through the
 * gateway with tokens from the real Keycloak: what the caller sees (status, challenge,
 * problem) for each cause.
 */
@ExtendWith(RunningPlatform.class)
@WafChecked
class TroubleshootingTableEndToEndIntegrationTests {

	static Target target;

	@BeforeAll
	static void target(Target running) {
		target = running;
	}

	static String gateway(String path) {
		return target.gateway(path);
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:gatehouse:problem:" + type + "\"")
			.contains("\"traceId\":");
	}

	@Test
	void unauthorizedBecauseTheTokenIsMissing() {
		HttpResponse<String> response = Http.get(gateway("/api/customers"), null);
		assertProblem(response, 401, "missing-token");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void unauthorizedBecauseTheTokenExpired() throws InterruptedException {
		new KeycloakAdmin(target).createServiceClient("e2e-gateway-short-lived", "e2e-gateway-short-lived-secret", true,
				Map.of("access.token.lifespan", "2"));
		String token = new TokenClient(target.issuerUri()).clientCredentials("e2e-gateway-short-lived",
				"e2e-gateway-short-lived-secret");
		Thread.sleep(2_000 + RunningPlatform.CLOCK_SKEW.toMillis() + 1_500);
		HttpResponse<String> response = Http.get(gateway("/api/customers"), token);
		assertProblem(response, 401, "expired-token");
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer error=\"invalid_token\"");
	}

	@Test
	void unauthorizedBecauseTheTokenIsInvalid() {
		HttpResponse<String> response = Http.get(gateway("/api/customers"), "not.a.token");
		assertProblem(response, 401, "malformed-token");
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
	}

	@Test
	void forbiddenBecauseAuthenticatedButNotAuthorized() {
		HttpResponse<String> response = Http.get(gateway("/api/customers"), RealTokens.of(target, "eve"));
		assertProblem(response, 403, "insufficient-scope");
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.contains("error=\"insufficient_scope\"");
		assertThat(response.body()).contains("needs one of the roles");
	}

	@Test
	void invalidApiKeyBecauseItIsUnknownOrRevoked() {
		HttpResponse<String> unknown = Http.send(HttpRequest.newBuilder(URI.create(gateway("/partner/v1/policies")))
			.header("x-api-key", "ghk_test_acme_0000000000000000"));
		assertProblem(unknown, 401, "unknown-api-key");
		assertThat(unknown.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("ApiKey");

		HttpResponse<String> revoked = Http.send(HttpRequest.newBuilder(URI.create(gateway("/partner/v1/policies")))
			.header("x-api-key", "ghk_test_globex_fedcba9876543210"));
		assertProblem(revoked, 401, "revoked-api-key");
	}

	/**
	 * Not a row of the article's table: its method table names mTLS, and this is how it
	 * fails.
	 */
	@Test
	void clientCertificateRejectedBecauseItIsRevokedOrFromAnUnknownCa() {
		Path pki = target.pki();
		String url = target.partnerTls("/partner/mtls/policies");
		HttpResponse<String> revoked = new TlsClient(pki, PartnerCertificate.ACME_REVOKED.keyStore()).get(url);
		assertProblem(revoked, 401, "revoked-client-certificate");
		assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("ClientCertificate error=\"invalid_certificate\""));
		// The TLS layer decides: no HTTP exchange at all.
		assertThatThrownBy(() -> new TlsClient(pki, PartnerCertificate.ACME_UNKNOWN_CA.keyStore()).get(url))
			.hasCauseInstanceOf(IOException.class);
	}

	@Test
	void invalidJwtSignatureBecauseTheTokenWasModified() {
		String[] parts = RealTokens.of(target, "alice").split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"preferred_username\":\"alice\"", "\"preferred_username\":\"bob\"");
		String forged = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
		assertProblem(Http.get(gateway("/api/customers"), forged), 401, "bad-signature");
	}

	@Test
	void audienceValidationFailedBecauseTheTokenIsForAnotherApi() {
		new KeycloakAdmin(target).createServiceClient("e2e-gateway-other-api", "e2e-gateway-other-api-secret", false,
				Map.of());
		String token = new TokenClient(target.issuerUri()).clientCredentials("e2e-gateway-other-api",
				"e2e-gateway-other-api-secret");
		assertProblem(Http.get(gateway("/api/customers"), token), 401, "wrong-audience");
	}

	@Test
	void corsAllowsTheWebAppsOriginAndGivesAnUnknownOriginNoCorsHeaders() {
		HttpResponse<String> allowed = Http.send(HttpRequest.newBuilder(URI.create(gateway("/api/customers")))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "http://127.0.0.1:8765")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization"));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly("http://127.0.0.1:8765");

		HttpResponse<String> unknown = Http.send(HttpRequest.newBuilder(URI.create(gateway("/api/customers")))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET"));
		assertThat(unknown.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

		HttpResponse<String> actual = Http.send(HttpRequest.newBuilder(URI.create(gateway("/api/customers")))
			.header("Origin", "http://127.0.0.1:8765")
			.header("Authorization", "Bearer " + RealTokens.of(target, "bob")));
		assertThat(actual.statusCode()).isEqualTo(200);
		assertThat(actual.headers().allValues("Access-Control-Allow-Origin")).containsExactly("http://127.0.0.1:8765");
	}

	@Test
	void rateLimitExceededAnswers429WithRetryAfter() {
		String client = RunningPlatform.RATE_LIMITED_CLIENT;
		createServiceClientWithRole(target, client, "customer:read");
		String token = new TokenClient(target.issuerUri()).clientCredentials(client, client + "-secret");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> ok = Http.get(gateway("/api/customers"), token);
			assertThat(ok.statusCode()).isEqualTo(200);
			assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).isPresent();
		}
		HttpResponse<String> refused = Http.get(gateway("/api/customers"), token);
		assertProblem(refused, 429, "rate-limited");
		assertThat(refused.headers().firstValue("Retry-After")).get()
			.asString()
			.satisfies((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 100L));
		assertThat(refused.body()).contains("client " + client);
	}

	/**
	 * Keycloak admin REST, as an operator would do it: a client-credentials client for
	 * the API (with the profile scope, so its tokens carry preferred_username like the
	 * realm's own clients) whose service account gets a realm role.
	 */
	static void createServiceClientWithRole(Target target, String clientId, String role) {
		String admin = target.keycloakAdminToken();
		String realm = target.keycloakUrl() + "/admin/realms/gatehouse";
		HttpResponse<String> created = Http.send("POST", realm + "/clients", admin, """
				{"clientId": "%s", "secret": "%s-secret", "enabled": true, "publicClient": false,
				 "serviceAccountsEnabled": true, "standardFlowEnabled": false, "directAccessGrantsEnabled": false,
				 "defaultClientScopes": ["basic", "roles", "profile", "gatehouse-api"]}""".formatted(clientId,
				clientId));
		assertThat(created.statusCode()).isEqualTo(201);
		String id = Http.json(Http.get(realm + "/clients?clientId=" + clientId, admin)).get(0).get("id").asString();
		String user = Http.json(Http.get(realm + "/clients/" + id + "/service-account-user", admin))
			.get("id")
			.asString();
		String representation = Http.get(realm + "/roles/" + URLEncoder.encode(role, StandardCharsets.UTF_8), admin)
			.body();
		HttpResponse<String> granted = Http.send("POST", realm + "/users/" + user + "/role-mappings/realm", admin,
				"[" + representation + "]");
		assertThat(granted.statusCode()).isEqualTo(204);
	}

}
