package dev.gatehouse.gateway;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubTokenEndpoint;
import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.test.DpopKey;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TlsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) on the Bearer routes, with proofs made here and tokens of the test
 * issuer bound to their key: a valid proof reaches the backend vouched for by the
 * gateway's token, without the proof; every check refuses on its own with 401, a
 * {@code WWW-Authenticate: DPoP} challenge naming RFC 9449's error and the accepted
 * algorithms, and a problem naming the cause; nothing refused reaches a backend. Replays
 * across replicas and nonces: {@link DpopReplicasIntegrationTests}.
 */
class DpopIntegrationTests extends GatewayTestSupport {

	static final DpopKey key = DpopKey.generate();

	static final DpopKey otherKey = DpopKey.generate();

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	static String boundToken() {
		return issuer.token(Persona.BOB).claim("cnf", key.confirmation()).build();
	}

	ResponseSpec call(WebTestClient client, String path, String token, String proof) {
		return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "DPoP " + token).headers((headers) -> {
			if (proof != null) {
				headers.add("DPoP", proof);
			}
		}).exchange();
	}

	@Test
	void aValidProofReachesTheBackendVouchedForByTheGatewaysTokenWithoutTheProof() throws Exception {
		String token = boundToken();
		String proof = key.proof("GET", url("/api/customers")).accessToken(token).build();
		call(client(), "/api/customers", token, proof).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("customer-service")
			.jsonPath("$.path")
			.isEqualTo("/api/customers");
		assertThat(customers.received()).singleElement().satisfies((received) -> {
			String gatewayToken = received.header("Authorization").substring("Bearer ".length());
			assertThat(SignedJWT.parse(gatewayToken).getJWTClaimsSet().getStringClaim("azp"))
				.isEqualTo(StubTokenEndpoint.CLIENT_ID);
			assertThat(received.header(GatewayVouching.boundTokenHeader())).isEqualTo(token);
			assertThat(received.header("DPoP")).isNull();
		});
	}

	@Test
	void theSameProofTwiceIsRefusedAsAReplay() {
		String token = boundToken();
		String proof = key.proof("GET", url("/api/customers")).accessToken(token).build();
		call(client(), "/api/customers", token, proof).expectStatus().isOk();
		assertRefused(call(client(), "/api/customers", token, proof), "invalid_dpop_proof",
				GatewayProblem.DPOP_PROOF_REPLAYED.type(), "already used");
		assertThat(customers.received()).hasSize(1);
	}

	@Test
	void aDpopBoundTokenSentAsBearerIsRefusedWithADpopChallengeBesideTheBearerOne() {
		String token = boundToken();
		String proof = key.proof("GET", url("/api/customers")).accessToken(token).build();
		client().get()
			.uri("/api/customers")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("DPoP", proof)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.values(HttpHeaders.WWW_AUTHENTICATE, (challenges) -> {
				assertThat(challenges).hasSize(2);
				assertThat(challenges.get(0)).startsWith("Bearer error=\"invalid_token\"");
				assertThat(challenges.get(1)).startsWith("DPoP error=\"invalid_token\"").contains("algs=\"ES256");
			})
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(GatewayProblem.DPOP_BOUND_TOKEN_AS_BEARER.type())
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("Authorization: DPoP"));
		assertThat(customers.received()).isEmpty();
	}

	static Stream<Arguments> wrongProofs() {
		String path = "/api/customers";
		return Stream.of(
				refusal("no DPoP header", (url, token) -> null, "invalid_dpop_proof",
						GatewayProblem.INVALID_DPOP_PROOF.type(), "needs a proof"),
				refusal("typ is not dpop+jwt",
						(url, token) -> key.proof("GET", url).accessToken(token).type("JWT").build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "typ must be dpop+jwt"),
				refusal("alg none", (url, token) -> key.proof("GET", url).accessToken(token).buildUnsigned(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "not signed"),
				refusal("alg HS256", (url, token) -> key.proof("GET", url).accessToken(token).buildHmac(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "only asymmetric algorithms"),
				refusal("no jwk header", (url, token) -> key.proof("GET", url).accessToken(token).noHeaderKey().build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "public key in the jwk header"),
				refusal("private key in the jwk header",
						(url, token) -> key.proof("GET", url).accessToken(token).privateKeyInHeader().build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "holds a private key"),
				refusal("signed by another key than its jwk header's",
						(url, token) -> key.proof("GET", url).accessToken(token).headerKey(otherKey).build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "signature does not verify"),
				refusal("htm of another method", (url, token) -> key.proof("POST", url).accessToken(token).build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "htm"),
				refusal("htu of another path",
						(url, token) -> key.proof("GET", url.replace(path, "/api/policies")).accessToken(token).build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "htu"),
				refusal("htu of another host", (url,
						token) -> key.proof("GET", url.replace("127.0.0.1", "evil.example")).accessToken(token).build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "htu"),
				refusal("htu over https instead of http",
						(url, token) -> key.proof("GET", url.replace("http:", "https:")).accessToken(token).build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "htu"),
				refusal("iat older than the proof lifetime and the skew",
						(url, token) -> key.proof("GET", url)
							.accessToken(token)
							.issuedAt(Instant.now().minusSeconds(70))
							.build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "iat"),
				refusal("iat in the future beyond the skew",
						(url, token) -> key.proof("GET", url)
							.accessToken(token)
							.issuedAt(Instant.now().plusSeconds(30))
							.build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "iat"),
				refusal("no jti", (url, token) -> key.proof("GET", url).accessToken(token).jti(null).build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "jti"),
				refusal("no ath", (url, token) -> key.proof("GET", url).build(), "invalid_dpop_proof",
						GatewayProblem.INVALID_DPOP_PROOF.type(), "ath"),
				refusal("ath of another token", (url, token) -> key.proof("GET", url).accessToken(boundToken()).build(),
						"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "ath"),
				refusal("a valid proof of another key than cnf.jkt (a stolen token)",
						(url, token) -> otherKey.proof("GET", url).accessToken(token).build(), "invalid_token",
						GatewayProblem.DPOP_KEY_MISMATCH.type(), "bound to another key"));
	}

	static Arguments refusal(String name, BiFunction<String, String, String> proof, String error, String type,
			String detail) {
		return Arguments.of(Named.of(name, proof), error, type, detail);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongProofs")
	void aWrongProofIsRefusedWith401ADpopChallengeAndAProblemNamingTheCause(BiFunction<String, String, String> proof,
			String error, String type, String detail) {
		String token = boundToken();
		assertRefused(call(client(), "/api/customers", token, proof.apply(url("/api/customers"), token)), error, type,
				detail);
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void anUnboundTokenInTheDpopSchemeIsRefusedAsNotBoundToTheProofsKey() {
		String token = issuer.token(Persona.BOB).build();
		assertRefused(
				call(client(), "/api/customers", token,
						key.proof("GET", url("/api/customers")).accessToken(token).build()),
				"invalid_token", GatewayProblem.DPOP_KEY_MISMATCH.type(), "not bound to a DPoP key");
	}

	@Test
	void anExpiredBoundTokenIsRefusedAsExpiredInTheDpopChallenge() {
		String token = issuer.token(Persona.BOB)
			.claim("cnf", key.confirmation())
			.expiresAt(Instant.now().minusSeconds(600))
			.build();
		assertRefused(
				call(client(), "/api/customers", token,
						key.proof("GET", url("/api/customers")).accessToken(token).build()),
				"invalid_token", "urn:gatehouse:problem:expired-token", "expired");
	}

	@Test
	void twoDpopHeadersAreRefused() {
		String token = boundToken();
		client().get()
			.uri("/api/customers")
			.header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
			.header("DPoP", key.proof("GET", url("/api/customers")).accessToken(token).build(),
					key.proof("GET", url("/api/customers")).accessToken(token).build())
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(GatewayProblem.INVALID_DPOP_PROOF.type());
	}

	@Test
	void htuIsComparedWithoutQueryAndFragmentAfterNormalization() {
		String token = boundToken();
		String proof = key.proof("GET", "HTTP://127.0.0.1:" + this.port + "/api/./customers/../customers?page=0#top")
			.accessToken(token)
			.build();
		call(client(), "/api/customers?page=1", token, proof).expectStatus().isOk();
	}

	@Test
	void throughTheTrustedProxyTheHtuIsTheOriginTheClientAddressed() {
		String token = boundToken();
		String viaProxy = "https://api.example.com:8443/api/customers";
		viaTrustedProxy().get()
			.uri("/api/customers")
			.header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
			.header("DPoP", key.proof("GET", viaProxy).accessToken(token).build())
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "api.example.com")
			.header("X-Forwarded-Port", "8443")
			.exchange()
			.expectStatus()
			.isOk();
		viaTrustedProxy().get()
			.uri("/api/customers")
			.header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
			.header("DPoP", key.proof("GET", "https://api.example.com/api/customers").accessToken(token).build())
			.header("Forwarded", "for=192.0.2.1;proto=https;host=api.example.com")
			.exchange()
			.expectStatus()
			.isOk();
		assertRefused(
				client().get()
					.uri("/api/customers")
					.header(HttpHeaders.AUTHORIZATION, "DPoP " + token)
					.header("DPoP", key.proof("GET", viaProxy).accessToken(token).build())
					.header("X-Forwarded-Proto", "https")
					.header("X-Forwarded-Host", "api.example.com")
					.header("X-Forwarded-Port", "8443")
					.exchange(),
				"invalid_dpop_proof", GatewayProblem.INVALID_DPOP_PROOF.type(), "http://127.0.0.1:" + this.port);
	}

	@Test
	void onTheTlsListenerTheHtuIsHttps() {
		String token = boundToken();
		String url = "https://localhost:" + this.tls.port() + "/api/customers";
		HttpResponse<String> response = new TlsClient(tlsDirectory).get(url, "Authorization", "DPoP " + token, "DPoP",
				key.proof("GET", url).accessToken(token).build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void corsLetsABrowserSendTheProofAndReadTheNonce() {
		client().options()
			.uri("/api/customers")
			.header("Origin", "http://127.0.0.1:8765")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization, dpop")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Access-Control-Allow-Headers", (allowed) -> assertThat(allowed.toLowerCase()).contains("dpop"));
	}

	private static void assertRefused(ResponseSpec response, String error, String type, String detail) {
		response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.values(HttpHeaders.WWW_AUTHENTICATE,
					(challenges) -> assertThat(challenges).singleElement()
						.satisfies((challenge) -> assertThat(challenge).startsWith("DPoP error=\"" + error + "\"")
							.contains("error_description=")
							.contains("algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"")))
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(type)
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.traceId")
			.exists()
			.jsonPath("$.detail")
			.value(String.class, (text) -> assertThat(text).contains(detail));
	}

}
