package dev.gatehouse.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.FileSystemUtils;

import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.test.DpopKey;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.test.edge.Edge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nginx/ModSecurity edge of deploy/edge/ in front of the gateway that runs with
 * compose's environment (trusting only the edge's address for X-Forwarded-For): TLS, the
 * redirect, the forwarded client address, the first-line limit, attacks refused with 403
 * before the gateway sees them, and the platform's legitimate requests passing unharmed.
 * Traffic goes to 127.0.0.1 only; the clients that need an address of their own use
 * 127.0.0.2 and 127.0.0.3.
 */
@ExtendWith(ComposePlatform.Extension.class)
class EdgeIntegrationTests {

	/**
	 * Low enough that a quick burst from one address exceeds it, high enough for the
	 * other tests.
	 */
	private static final String RATE = "10r/s";

	private static final int BURST = 20;

	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	private static Edge edge;

	private static HttpClient https;

	private static ComposePlatform platform;

	@BeforeAll
	static void startEdge(ComposePlatform started) throws Exception {
		platform = started;
		Path dir = Path.of("target/edge").toAbsolutePath();
		FileSystemUtils.deleteRecursively(dir);
		List<Integer> ports = Ports.free(3);
		edge = Edge.start(dir, ports.get(0), ports.get(1), ports.get(2), "127.0.0.1:" + platform.port("gateway-tls"),
				platform.pki().resolve(DevPki.CA), RATE, BURST);
		https = HttpClient.newBuilder().sslContext(edge.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
	}

	@AfterAll
	static void stopEdge() throws InterruptedException {
		if (edge != null) {
			edge.close();
		}
	}

	@Test
	void terminatesTlsWithItsOwnCertificateAndPassesBearerCalls() throws Exception {
		HttpResponse<String> response = Http.send(https,
				Http.bearer("GET", edge.httpsUrl("/api/customers"), token("bob"), null));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.sslSession()).hasValueSatisfying((session) -> {
			try {
				assertThat(session.getPeerCertificates()[0]).isEqualTo(edge.certificate());
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
			assertThat(session.getProtocol()).isIn("TLSv1.2", "TLSv1.3");
		});
		// The gateway's HSTS comes through (only on its TLS listener, which the edge
		// re-encrypts to).
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@Test
	void partnersClientCertificatesPassThroughToTheGatewaysOwnHandshake() throws Exception {
		TlsClient acme = new TlsClient(platform.pki(), PartnerCertificate.ACME.keyStore());
		HttpResponse<String> byCertificate = acme.get(edge.partnerUrl("/partner/mtls/policies"));
		assertThat(byCertificate.statusCode()).as(byCertificate.body()).isEqualTo(200);
		assertThat(byCertificate.body()).contains("P-3001").doesNotContain("P-3004");
		// The gateway's certificate, not the edge's: the TLS session is the gateway's
		// own.
		assertThat(byCertificate.sslSession()).hasValueSatisfying((session) -> {
			try {
				assertThat(session.getPeerCertificates()[0]).isNotEqualTo(edge.certificate());
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		});
		assertThat(new TlsClient(platform.pki()).get(edge.partnerUrl("/partner/mtls/policies")).body())
			.contains("urn:gatehouse:problem:missing-client-certificate");
	}

	@Test
	void redirectsPlainHttpToHttpsKeepingPathAndQuery() {
		HttpResponse<String> response = Http.send(Http.client(),
				Http.request("GET", edge.httpUrl("/api/customers?page=1&size=5"), null));
		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("https://localhost:" + edge.tlsPort() + "/api/customers?page=1&size=5");
	}

	@Test
	void aClientCannotFakeItsAddressWithForwardingHeaders() throws Exception {
		String traceId = HexFormat.of().formatHex(ComposeEnvironmentIntegrationTests.randomBytes(16));
		RawHttp.Response response = RawHttp.get("127.0.0.2", edge.tlsPort(), edge.clientContext(), "/api/customers",
				"Authorization: Bearer " + token("bob"), "X-Forwarded-For: 203.0.113.66", "Forwarded: for=203.0.113.67",
				"X-Real-IP: 203.0.113.68", "traceparent: 00-" + traceId + "-"
						+ HexFormat.of().formatHex(ComposeEnvironmentIntegrationTests.randomBytes(8)) + "-01");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		String line = ComposeEnvironmentIntegrationTests.accessLogLine(platform, traceId);
		assertThat(line).contains("\"client\":\"127.0.0.2\"")
			.contains("\"listener\":\"https\"")
			.doesNotContain("203.0.113.");
	}

	@Test
	void theFirstLineLimitAnswers429PerClientAddress() throws Exception {
		RawHttp.Response limited = null;
		for (int i = 0; i < 200 && limited == null; i++) {
			RawHttp.Response response = RawHttp.get("127.0.0.3", edge.tlsPort(), edge.clientContext(),
					"/api/customers");
			assertThat(response.status()).isIn(401, 429);
			if (response.status() == 429) {
				limited = response;
			}
		}
		assertThat(limited).as("a request refused within 200 quick ones (%s, burst %d)", RATE, BURST).isNotNull();
		// The edge's own answer, before the gateway: a problem of the edge's type, with
		// Retry-After.
		assertThat(limited.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(limited.header("Retry-After")).isEqualTo("1");
		assertThat(limited.body()).contains("\"type\":\"urn:gatehouse:problem:edge-rate-limited\"");
		// Other client addresses keep their own budget.
		assertThat(
				Http.send(https, Http.bearer("GET", edge.httpsUrl("/api/customers"), token("bob"), null)).statusCode())
			.isEqualTo(200);
	}

	static Stream<Arguments> attacks() {
		return Stream.of(
				Arguments.of("SQL injection in the query", "GET", "/api/customers?name=x%27%20OR%20%271%27%3D%271",
						null, null),
				Arguments.of("SQL injection with UNION", "GET",
						"/api/customers?id=1%20UNION%20SELECT%20password%20FROM%20users--", null, null),
				Arguments.of("XSS in the query", "GET",
						"/api/customers?q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E", null, null),
				Arguments.of("path traversal in the query", "GET",
						"/api/customers?file=..%2F..%2F..%2F..%2Fetc%2Fpasswd", null, null),
				Arguments.of("encoded path traversal in the path", "GET",
						"/api/customers/%2e%2e%2f%2e%2e%2fetc%2fpasswd", null, null),
				Arguments.of("scanner user agent", "GET", "/api/customers", null,
						"sqlmap/1.7.2#stable (https://sqlmap.org)"),
				Arguments.of("SQL injection in a JSON body", "POST", "/api/customers",
						"{\"name\":\"x' OR 1=1; DROP TABLE customer;--\",\"email\":\"a@example.com\"}", null),
				Arguments.of("XSS in a JSON body", "POST", "/api/customers",
						"{\"name\":\"<script>alert(1)</script>\",\"email\":\"a@example.com\"}", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attacks")
	void commonAttacksAreRefusedAtTheEdge(String attack, String method, String path, String body, String userAgent)
			throws Exception {
		String traceId = HexFormat.of().formatHex(ComposeEnvironmentIntegrationTests.randomBytes(16));
		HttpRequest.Builder request = Http.bearer(method, edge.httpsUrl(path), token("bob"), body)
			.header("traceparent", "00-" + traceId + "-"
					+ HexFormat.of().formatHex(ComposeEnvironmentIntegrationTests.randomBytes(8)) + "-01");
		if (userAgent != null) {
			request.setHeader("User-Agent", userAgent);
		}
		HttpResponse<String> response = Http.send(https, request);
		assertThat(response.statusCode()).as(attack + ": " + response.body()).isEqualTo(403);
		// The edge's own problem (the gateway never saw the request), echoing nothing of
		// the attack.
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:gatehouse:problem:refused-at-edge\"")
			.containsPattern("\"requestId\":\"[0-9a-f]{32}\"")
			.doesNotContain("<script>")
			.doesNotContain("etc/passwd")
			.doesNotContain("UNION")
			.doesNotContain("sqlmap");
		assertThat(platform.gatewayLog()).noneMatch((line) -> line.contains(traceId));
		assertThat(edge.errorLog()).contains("ModSecurity: Access denied with code 403");
	}

	/**
	 * A DPoP proof names the URL the client called: the edge's. The gateway behind it
	 * takes scheme, host and port from the edge's forwarding headers (it trusts the
	 * edge), so the proof fits there and a proof for the gateway's own address does not.
	 */
	@Test
	void aDpopProofForTheEdgesUrlIsAcceptedByTheGatewayBehindIt() {
		DpopKey key = DpopKey.generate();
		String endpoint = platform.keycloak().keycloakUrl() + "/realms/gatehouse/protocol/openid-connect/token";
		HttpResponse<String> issued = Http.send(Http.client(),
				HttpRequest.newBuilder(URI.create(endpoint))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("acme-dpop:acme-dpop-secret".getBytes(StandardCharsets.UTF_8)))
					.header("DPoP", key.proof("POST", endpoint).build())
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		String token = issued.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		String url = edge.httpsUrl("/api/policies");
		HttpResponse<String> accepted = Http.send(https,
				Http.request("GET", url, null)
					.header("Authorization", "DPoP " + token)
					.header("DPoP", key.proof("GET", url).accessToken(token).build()));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		assertThat(accepted.body()).contains("P-3001").doesNotContain("customerId");
		String gatewaysOwn = "https://localhost:" + platform.port("gateway-tls") + "/api/policies";
		HttpResponse<String> refused = Http.send(https,
				Http.request("GET", url, null)
					.header("Authorization", "DPoP " + token)
					.header("DPoP", key.proof("GET", gatewaysOwn).accessToken(token).build()));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("urn:gatehouse:problem:invalid-dpop-proof").contains(url);
	}

	@Test
	void bodiesOverTheLimitAreRefusedWith413() {
		String large = "{\"name\":\"" + "a".repeat(70 * 1024) + "\",\"email\":\"a@example.com\"}";
		HttpResponse<String> response = Http.send(https,
				Http.bearer("POST", edge.httpsUrl("/api/customers"), token("bob"), large));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"urn:gatehouse:problem:payload-too-large\"");
	}

	@Test
	void thePlatformsLegitimateRequestsPassUnharmed() {
		String bob = token("bob");
		String carol = token("carol");
		assertStatus(Http.bearer("GET", edge.httpsUrl("/api/customers?page=0&size=20"), bob, null), 200);
		assertStatus(Http.bearer("GET", edge.httpsUrl("/api/customers/C-1001"), bob, null), 200);
		assertStatus(Http.bearer("GET", edge.httpsUrl("/api/customers/me"), token("alice"), null), 200);
		HttpResponse<String> created = assertStatus(Http.bearer("POST", edge.httpsUrl("/api/customers"), bob,
				"{\"name\":\"Zoë O'Brien-Smith\",\"email\":\"zoe.obrien+test@example.com\"}"), 201);
		String customer = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
		assertStatus(Http.bearer("PUT", edge.httpsUrl("/api/customers/" + customer), bob,
				"{\"name\":\"Zoë O'Brien\",\"email\":\"zoe@example.com\"}"), 200);
		HttpResponse<String> policy = assertStatus(Http.bearer("POST", edge.httpsUrl("/api/policies"), carol,
				"{\"customerId\":\"" + customer + "\",\"product\":\"HOME\"}"), 201);
		String id = policy.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
		assertStatus(Http.bearer("PATCH", edge.httpsUrl("/api/policies/" + id + "/status"), carol,
				"{\"status\":\"APPROVED\"}"), 200);
		assertStatus(Http.bearer("GET", edge.httpsUrl("/api/policies"), token("dave"), null), 200);
		assertStatus(Http.bearer("GET", edge.httpsUrl("/api/policies"),
				platform.keycloak().tokens().client("reporting-batch"), null), 200);
		assertStatus(Http.request("GET", edge.httpsUrl("/partner/v1/policies"), null)
			.header("x-api-key", "ghk_test_acme_0123456789abcdef"), 200);
		assertStatus(
				Http.request("GET", edge.httpsUrl("/internal/reports"), null)
					.header("Authorization", "Basic "
							+ Base64.getEncoder().encodeToString("ops:ops-pass".getBytes(StandardCharsets.UTF_8))),
				200);
		// The platform's own refusals come through as the gateway's problems, not the
		// WAF's.
		HttpResponse<String> denied = assertStatus(Http.bearer("POST", edge.httpsUrl("/api/customers"), token("dave"),
				"{\"name\":\"No Write\",\"email\":\"dave@example.com\"}"), 403);
		assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertStatus(Http.request("GET", edge.httpsUrl("/partner/v1/policies"), null)
			.header("x-api-key", "ghk_test_globex_fedcba9876543210"), 401);
	}

	@Test
	void credentialsNeverReachTheEdgesLogs() throws Exception {
		String bob = token("bob");
		Http.send(https,
				Http.bearer("GET", edge.httpsUrl("/api/customers?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), bob, null));
		Http.send(https, Http.request("GET", edge.httpsUrl("/partner/v1/policies?q=%3Cscript%3E"), null)
			.header("x-api-key", "ghk_test_acme_0123456789abcdef"));
		String logs = edge.auditLog() + edge.errorLog() + Files.readString(Path.of("target/edge/access.log"));
		assertThat(logs).contains("/api/customers")
			.doesNotContain(bob)
			.doesNotContain("ghk_test_acme_0123456789abcdef");
	}

	private static HttpResponse<String> assertStatus(HttpRequest.Builder request, int status) {
		HttpResponse<String> response = Http.send(https, request);
		assertThat(response.statusCode())
			.as(request.build().method() + " " + request.build().uri() + ": " + response.body())
			.isEqualTo(status);
		return response;
	}

	/**
	 * One login per caller for the class (tokens live five minutes): a dozen
	 * Authorization Code logins of bob within seconds made Keycloak 26.5 lock him out as
	 * a brute-force suspect, with no failed login before it (user_temporarily_disabled,
	 * seen on a busy machine).
	 */
	private static String token(String name) {
		return TOKENS.computeIfAbsent(name, (caller) -> platform.keycloak().tokens().forName(caller));
	}

}
