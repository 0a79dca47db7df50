package dev.gatehouse.deploy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.pki.DevPki;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.test.edge.Edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Each application runs with the environment docker-compose.yml gives its container (host
 * names mapped to local stand-ins, see {@link ComposePlatform}), and behaves as that
 * environment says: so every variable binds to a real property. A variable that bound to
 * nothing would leave the default in force, which these checks tell apart: the default
 * issuer is http://localhost:8180 (not this run's Keycloak), the default datasource H2,
 * the default backends and customer-service 127.0.0.1:8081/8082, no trusted proxy, no
 * client secrets, rate limits counted in memory, and plain HTTP between the gateway and
 * the services (compose runs them in the secure profile).
 */
@ExtendWith(ComposePlatform.Extension.class)
class ComposeEnvironmentIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = Http.client();

	@Test
	void everyComposeVariableIsPassedAndOnlyComposeNetworkAddressesAreMapped(ComposePlatform platform) {
		String composeHosts = String.join("|",
				Stream
					.concat(Stream.of("keycloak", "postgres"),
							DescribedPlatform.DESCRIPTION.services().keySet().stream())
					.toList());
		for (String name : ComposePlatform.APPLICATIONS) {
			assertThat(platform.environment(name).keySet()).as("variables of %s", name)
				.containsExactlyElementsOf(ComposeFile.environment(name).keySet());
			assertThat(platform.environment(name).values()).as("values of %s", name)
				.noneMatch((value) -> value.matches(".*(" + composeHosts + "):\\d+.*") || value.startsWith("172.30.")
						|| value.equals("0.0.0.0"));
		}
	}

	@Test
	void applicationsLogJsonLinesWithAccessAndAuditEventsAndNoCredential(ComposePlatform platform) throws Exception {
		String gateway = platform.url("gateway");
		String token = platform.keycloak().tokens().user("bob");
		assertThat(Http.send(this.http, Http.bearer("GET", gateway + "/api/customers", token, null)).statusCode())
			.isEqualTo(200);
		String wrongKey = "ghk_test_acme_" + "fffffffffffffff0";
		assertThat(Http
			.send(this.http, Http.request("GET", gateway + "/partner/v1/policies", null).header("x-api-key", wrongKey))
			.statusCode()).isEqualTo(401);
		String wrongPassword = "not-the-ops-password";
		assertThat(new TlsClient(platform.pki())
			.get("https://localhost:" + platform.port("gateway-tls") + "/internal/reports", "Authorization",
					TlsClient.basic("ops", wrongPassword))
			.statusCode()).isEqualTo(401);
		Path gatewayLog = platform.logFile("gateway");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(gatewayLog).contains("access_denied"));

		List<String> secrets = List.of(token, wrongKey, wrongPassword,
				ComposeFile.environment("gateway").get("GATEHOUSE_GATEWAY_CLIENT_SECRET"));
		for (String name : ComposePlatform.APPLICATIONS) {
			List<String> lines = Files.readAllLines(platform.logFile(name))
				.stream()
				.filter((line) -> !line.isBlank())
				.toList();
			assertThat(lines).as("log of %s", name).isNotEmpty().allSatisfy((line) -> {
				assertThat(JSON.readTree(line).isObject()).as("a JSON object: %s", line).isTrue();
				assertThat(secrets).as("credentials in %s", line).noneMatch(line::contains);
			});
		}
		List<JsonNode> gatewayLines = Files.readAllLines(gatewayLog)
			.stream()
			.filter((line) -> !line.isBlank())
			.map(JSON::readTree)
			.toList();
		assertThat(gatewayLines).as("access lines").anySatisfy((line) -> {
			assertThat(line.path("type").asString()).isEqualTo("access");
			assertThat(line.path("path").asString()).isEqualTo("/api/customers");
			assertThat(line.path("status").asInt()).isEqualTo(200);
		});
		assertThat(gatewayLines).as("audit events, their key-value pairs as JSON fields").anySatisfy((line) -> {
			assertThat(line.toString()).contains("\"access_denied\"").contains("/partner/v1/policies");
			assertThat(line.findValue("reason")).isNotNull();
		});
	}

	@Test
	void customerServiceUsesItsPostgresDatabaseAndAcceptsKeycloakTokensFetchingKeysInternally(ComposePlatform platform)
			throws SQLException {
		String token = platform.keycloak().tokens().user("bob");
		HttpResponse<String> customers = Http.send(asGateway(platform),
				Http.bearer("GET", platform.url("customer-service") + "/api/customers", token, null));
		assertThat(customers.statusCode()).as(customers.body()).isEqualTo(200);
		assertThat(customers.body()).contains("C-1001");
		// Keys came through the stand-in for http://keycloak:8080
		// (GATEHOUSE_SECURITY_INTERNALISSUERURI).
		assertThat(platform.relay("customer-service").connections()).isPositive();
		// SPRING_PROFILES_ACTIVE=postgres and CUSTOMER_DB_*: the schema is in PostgreSQL,
		// owned by the compose user.
		assertThat(count(platform, "customers", "CUSTOMER_DB_USERNAME", "CUSTOMER_DB_PASSWORD", "customer-service",
				"SELECT count(*) FROM flyway_schema_history WHERE success"))
			.isPositive();
	}

	@Test
	void policyServiceCallsCustomerServiceWithItsOwnClientCredentials(ComposePlatform platform) throws SQLException {
		String token = platform.keycloak().tokens().user("carol");
		// Creating a policy looks the customer up at customer-service
		// (GATEHOUSE_CUSTOMERSERVICE_URI, mutual
		// TLS with policy-service's certificate) with policy-service's own token
		// (POLICY_SERVICE_CLIENT_SECRET,
		// token endpoint under the internal issuer).
		HttpResponse<String> created = Http.send(asGateway(platform),
				Http.bearer("POST", platform.url("policy-service") + "/api/policies", token,
						"{\"customerId\":\"C-1004\",\"product\":\"AUTO\"}"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(platform.relay("policy-service").connections()).isPositive();
		assertThat(count(platform, "policies", "POLICY_DB_USERNAME", "POLICY_DB_PASSWORD", "policy-service",
				"SELECT count(*) FROM policy WHERE customer_id = 'C-1004' AND product = 'AUTO'"))
			.isPositive();
	}

	@Test
	void gatewayRoutesToTheComposeBackendsWithItsOwnTokenKeyStoreAndRedis(ComposePlatform platform) throws Exception {
		String gateway = platform.url("gateway");
		HttpResponse<String> customers = Http.send(this.http,
				Http.bearer("GET", gateway + "/api/customers", platform.keycloak().tokens().user("bob"), null));
		assertThat(customers.statusCode()).as(customers.body()).isEqualTo(200);
		// GATEHOUSE_GATEWAY_CLIENT_SECRET: the partner route calls policy-service with
		// the gateway's own token.
		HttpResponse<String> partner = Http.send(this.http, Http.request("GET", gateway + "/partner/v1/policies", null)
			.header("x-api-key", "ghk_test_acme_0123456789abcdef"));
		assertThat(partner.statusCode()).as(partner.body()).isEqualTo(200);
		assertThat(platform.relay("gateway").connections()).isPositive();
		// GATEHOUSE_TLS_DIRECTORY: the TLS listener presents the pki volume's certificate
		// (hostname and chain verified).
		HttpResponse<String> overTls = new TlsClient(platform.pki()).get(
				"https://localhost:" + platform.port("gateway-tls") + "/partner/v1/policies", "x-api-key",
				"ghk_test_acme_0123456789abcdef");
		assertThat(overTls.statusCode()).isEqualTo(200);
		// GATEHOUSE_GATEWAY_RATELIMITS_STORE=redis and SPRING_DATA_REDIS_*: the limits
		// are counted in Redis.
		assertThat(ComposePlatform.redisCommand(platform.port("redis"), "DBSIZE")).matches(":[1-9]\\d*");
	}

	@Test
	void servicesInTheSecureProfileRefuseCallersWithoutTheGatewaysCertificate(ComposePlatform platform) {
		String token = platform.keycloak().tokens().user("bob");
		for (String service : new String[] { "customer-service", "policy-service" }) {
			String url = platform.url(service) + (service.startsWith("customer") ? "/api/customers" : "/api/policies");
			assertThatThrownBy(() -> new TlsClient(platform.pki()).get(url, "Authorization", "Bearer " + token))
				.as(service)
				.hasCauseInstanceOf(IOException.class);
		}
		// policy-service's certificate is from the same CA, but only customer-service
		// lists it.
		HttpResponse<String> policyToPolicy = new TlsClient(platform.pki(), DevPki.POLICY_SERVICE)
			.get(platform.url("policy-service") + "/api/policies", "Authorization", "Bearer " + token);
		assertThat(policyToPolicy.statusCode()).isEqualTo(403);
		assertThat(policyToPolicy.body()).contains("urn:gatehouse:problem:client-not-allowed");
	}

	/**
	 * Calls a service as the gateway does in the secure profile: with the gateway's
	 * client certificate.
	 */
	static HttpClient asGateway(ComposePlatform platform) {
		return HttpClient.newBuilder().sslContext(TlsClient.sslContext(platform.pki(), DevPki.GATEWAY_CLIENT)).build();
	}

	@Test
	void gatewayBelievesForwardedForOnlyFromTheConfiguredProxy(ComposePlatform platform) throws Exception {
		// Locally the edge's compose address maps to 127.0.0.1, where this test calls
		// from.
		String traceId = HexFormat.of().formatHex(randomBytes(16));
		HttpResponse<String> response = Http.send(this.http,
				Http.request("GET", platform.url("gateway") + "/api/customers", null)
					.header("X-Forwarded-For", "198.51.100.7")
					.header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(accessLogLine(platform, traceId)).contains("\"client\":\"198.51.100.7\"");
	}

	static String accessLogLine(ComposePlatform platform, String traceId) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			for (String line : Files.readAllLines(platform.log("gateway"))) {
				if (line.contains("\"type\":\"access\"") && line.contains(traceId)) {
					return line;
				}
			}
			Edge.sleep(Duration.ofMillis(200));
		}
		throw new AssertionError("no access log line with trace id " + traceId + " in " + platform.log("gateway"));
	}

	static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private static long count(ComposePlatform platform, String database, String userVariable, String passwordVariable,
			String service, String query) throws SQLException {
		try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(database),
				ComposeFile.environment(service).get(userVariable),
				ComposeFile.environment(service).get(passwordVariable));
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
	}

}
