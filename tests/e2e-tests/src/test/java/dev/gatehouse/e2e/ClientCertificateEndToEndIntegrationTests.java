package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.test.TlsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * mTLS end to end with the platform's dev PKI, real TLS handshakes, the real
 * policy-service and a real Keycloak: partner acme by client certificate on
 * /partner/mtls/**, and acme-partner's certificate-bound access token (RFC 8705),
 * requested from Keycloak with the certificate.
 */
@ExtendWith(RunningPlatform.class)
@WafChecked
class ClientCertificateEndToEndIntegrationTests {

	static Path pki;

	static Target target;

	@BeforeAll
	static void target(Target running) {
		target = running;
		pki = running.pki();
	}

	/**
	 * Where the partner's certificate reaches the gateway's handshake (in compose: the
	 * edge's passthrough).
	 */
	static String https(String path) {
		return target.partnerTls(path);
	}

	static TlsClient as(PartnerCertificate certificate) {
		return new TlsClient(pki, certificate.keyStore());
	}

	@Test
	void acmeSeesByCertificateExactlyWhatItsApiKeySees() {
		HttpResponse<String> byCertificate = as(PartnerCertificate.ACME).get(https("/partner/mtls/policies"));
		assertThat(byCertificate.statusCode()).as(byCertificate.body()).isEqualTo(200);
		HttpResponse<String> byKey = new TlsClient(pki).get(https("/partner/v1/policies"), "x-api-key",
				"ghk_test_acme_0123456789abcdef");
		assertThat(byKey.statusCode()).isEqualTo(200);
		// acme sold P-3001, P-3003 and P-3005 in the demo data; globex sold P-3004.
		assertThat(byCertificate.body()).isEqualTo(byKey.body()).contains("P-3001").doesNotContain("P-3004");
	}

	@Test
	void noCertificateIs401() {
		HttpResponse<String> response = new TlsClient(pki).get(https("/partner/mtls/policies"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("urn:gatehouse:problem:missing-client-certificate");
	}

	@Test
	void unknownCaAndExpiredCertificatesAreRefusedInTheHandshake() {
		for (PartnerCertificate refused : new PartnerCertificate[] { PartnerCertificate.ACME_UNKNOWN_CA,
				PartnerCertificate.ACME_EXPIRED }) {
			assertThatThrownBy(() -> as(refused).get(https("/partner/mtls/policies"))).as(refused.name())
				.hasCauseInstanceOf(IOException.class);
		}
	}

	@Test
	void revokedAndUnregisteredCertificatesAre401AndAnUncoveredRouteIs403() {
		assertThat(as(PartnerCertificate.ACME_REVOKED).get(https("/partner/mtls/policies")).body())
			.contains("urn:gatehouse:problem:revoked-client-certificate");
		assertThat(as(PartnerCertificate.INITECH).get(https("/partner/mtls/policies")).body())
			.contains("urn:gatehouse:problem:unregistered-client-certificate");
		HttpResponse<String> uncovered = as(PartnerCertificate.ACME).get(https("/partner/mtls/reports"));
		assertThat(uncovered.statusCode()).isEqualTo(403);
		assertThat(uncovered.body()).contains("urn:gatehouse:problem:certificate-route-not-covered");
	}

	@Test
	@LauncherOnly("Keycloak in compose serves plain HTTP only (start-dev behind the compose network), so it binds no token to a certificate")
	void keycloakBindsTheTokenToTheCertificateAndTheGatewayHoldsItToThatCertificate(Platform platform)
			throws Exception {
		String token = boundToken(platform);
		assertThat(claims(token).path("cnf").path("x5t#S256").asString()).isEqualTo(acmeThumbprint());
		assertThat(claims(token).path("partner").asString()).isEqualTo("acme");

		HttpResponse<String> withItsCertificate = as(PartnerCertificate.ACME).get(https("/api/policies"),
				"Authorization", "Bearer " + token);
		assertThat(withItsCertificate.statusCode()).as(withItsCertificate.body()).isEqualTo(200);
		// The partner's scope and view: exactly what acme sees by certificate, without
		// customer ids or logins.
		HttpResponse<String> byCertificate = as(PartnerCertificate.ACME).get(https("/partner/mtls/policies"));
		assertThat(ids(withItsCertificate)).isEqualTo(ids(byCertificate))
			.contains("P-3001")
			.doesNotContain("P-3002", "P-3004");
		assertThat(withItsCertificate.body()).doesNotContain("customerId", "holder", "alice", "partner");

		HttpResponse<String> withAnotherCertificate = as(PartnerCertificate.INITECH).get(https("/api/policies"),
				"Authorization", "Bearer " + token);
		assertThat(withAnotherCertificate.statusCode()).isEqualTo(401);
		assertThat(withAnotherCertificate.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"invalid_token\""));
		assertThat(withAnotherCertificate.body()).contains("urn:gatehouse:problem:certificate-binding-mismatch");

		HttpResponse<String> overPlainHttp = Http.get(platform.serviceUrl("gateway") + "/api/policies", token);
		assertThat(overPlainHttp.statusCode()).isEqualTo(401);
		assertThat(overPlainHttp.body()).contains("urn:gatehouse:problem:certificate-binding-mismatch");
	}

	@Test
	@LauncherOnly("Keycloak in compose serves plain HTTP only (start-dev behind the compose network), so it binds no token to a certificate")
	void theBoundTokenSentDirectlyToABackendIsRefusedWithAnInvalidTokenChallengeThatSaysWhy(Platform platform) {
		String token = boundToken(platform);
		for (String service : new String[] { "policy-service", "customer-service" }) {
			String path = service.equals("policy-service") ? "/api/policies" : "/api/customers";
			HttpResponse<String> direct = Http.get(platform.serviceUrl(service) + path, token);
			assertThat(direct.statusCode()).as(service).isEqualTo(401);
			assertThat(direct.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\"")
					.contains("cannot verify that binding"));
			assertThat(direct.body()).contains("urn:gatehouse:problem:unverifiable-token-binding")
				.contains("call the API through the gateway");
		}
	}

	@Test
	@LauncherOnly("Keycloak in compose serves plain HTTP only (start-dev behind the compose network), so it binds no token to a certificate")
	void theGatewaysTokenVouchesForTheBoundTokenAndNoOtherTokenCan(Platform platform) {
		String token = boundToken(platform);
		String policies = platform.serviceUrl("policy-service") + "/api/policies";
		HttpResponse<String> vouched = Http.send(HttpRequest.newBuilder(URI.create(policies))
			.header("Authorization", "Bearer " + RealTokens.of(platform, "gatehouse-gateway"))
			.header("X-Gatehouse-Bound-Token", token));
		assertThat(vouched.statusCode()).as(vouched.body()).isEqualTo(200);
		assertThat(ids(vouched)).contains("P-3001").doesNotContain("P-3002", "P-3004");
		HttpResponse<String> notTheGateway = Http.send(HttpRequest.newBuilder(URI.create(policies))
			.header("Authorization", "Bearer " + RealTokens.of(platform, "reporting-batch"))
			.header("X-Gatehouse-Bound-Token", token));
		assertThat(notTheGateway.statusCode()).isEqualTo(200);
		assertThat(ids(notTheGateway)).contains("P-3002", "P-3004");
		assertThat(notTheGateway.body()).contains("customerId");
	}

	/**
	 * The certificate-bound token walk-through of docs/authentication-methods.md, run as
	 * a user runs it (bash, curl), with this platform's ports and PKI: the 200 with
	 * acme's partner view, and both refusals.
	 */
	@Test
	@LauncherOnly("the walk-through calls Keycloak's HTTPS port and policy-service directly, which compose does not publish")
	void theWalkThroughWorksAsWritten(Platform platform, @TempDir Path directory) throws Exception {
		String output = WalkThrough.of("docs/authentication-methods.md", "mtls-walk-through")
			.replace("P=.gatehouse/pki", "P=" + pki)
			.replace("https://localhost:8543",
					"https://localhost:" + platform.config().port(PlatformConfig.KEYCLOAK_HTTPS))
			.replace("https://localhost:8443", https(""))
			.replace("http://127.0.0.1:8080", platform.serviceUrl("gateway"))
			.replace("http://127.0.0.1:8082", platform.serviceUrl("policy-service"))
			.run(directory);
		assertThat(output).contains("\"id\":\"P-3001\"")
			.doesNotContain("P-3002", "customerId")
			.contains("urn:gatehouse:problem:certificate-binding-mismatch")
			.contains("urn:gatehouse:problem:unverifiable-token-binding");
	}

	static List<String> ids(HttpResponse<String> page) {
		return Http.json(page).path("content").valueStream().map((policy) -> policy.path("id").asString()).toList();
	}

	static String boundToken(Platform platform) {
		return RealTokens.of(platform, RealTokens.ACME_PARTNER);
	}

	static JsonNode claims(String token) {
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		return JsonMapper.builder().build().readTree(payload);
	}

	static String acmeThumbprint() throws Exception {
		try (InputStream in = Files.newInputStream(pki.resolve(PartnerCertificate.ACME.certificatePem()))) {
			byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
		}
	}

}
