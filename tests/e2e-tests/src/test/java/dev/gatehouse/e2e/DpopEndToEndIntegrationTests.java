package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.test.DpopKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) end to end: the demo partner system {@code acme-dpop} gets a DPoP-bound
 * token from the real Keycloak with a real proof, and calls the gateway with a fresh
 * proof for every request (the end-to-end platform requires server nonces, so the first
 * call learns one). Replays, the token as Bearer, a stolen token with another key, proofs
 * for another method, URI or token, and the token sent directly to a backend are refused.
 * Against compose the calls go through the edge, so the proofs name the edge's URL and
 * the gateway must rebuild it from the edge's forwarded headers.
 */
@ExtendWith(RunningPlatform.class)
@WafChecked
class DpopEndToEndIntegrationTests {

	static Target target;

	static final DpopKey key = DpopKey.generate();

	@BeforeAll
	static void target(Target running) {
		target = running;
	}

	static String policies() {
		return target.gateway("/api/policies");
	}

	@Test
	void keycloakIssuesADpopBoundTokenOnlyWithAProof() {
		HttpResponse<String> withoutProof = DpopTokens.request(target, null);
		assertThat(withoutProof.statusCode()).as(withoutProof.body()).isEqualTo(400);

		HttpResponse<String> response = DpopTokens.request(target, key);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = Http.json(response);
		assertThat(body.path("token_type").asString()).isEqualTo("DPoP");
		JsonNode claims = ClientCertificateEndToEndIntegrationTests.claims(body.path("access_token").asString());
		assertThat(claims.path("cnf").path("jkt").asString()).isEqualTo(key.thumbprint());
		assertThat(claims.path("azp").asString()).isEqualTo(DpopTokens.CLIENT);
		assertThat(claims.path("partner").asString()).isEqualTo("acme");
	}

	@Test
	void aFreshProofGetsAcmesPoliciesInThePartnerViewAndTheSameProofAgainIsRefused() {
		String token = DpopTokens.of(target, key);
		HttpResponse<String> first = call(token,
				key.proof("GET", policies()).accessToken(token).nonce(nonce()).build());
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		HttpResponse<String> byApiKey = Http
			.send(HttpRequest.newBuilder(URI.create(target.gateway("/partner/v1/policies")))
				.header("x-api-key", "ghk_test_acme_0123456789abcdef"));
		assertThat(ClientCertificateEndToEndIntegrationTests.ids(first))
			.isEqualTo(ClientCertificateEndToEndIntegrationTests.ids(byApiKey))
			.contains("P-3001")
			.doesNotContain("P-3002", "P-3004");
		assertThat(first.body()).doesNotContain("customerId", "holder", "alice");
		assertThat(first.headers().firstValue("DPoP-Nonce")).isPresent();

		String proof = key.proof("GET", policies()).accessToken(token).nonce(nonce()).build();
		assertThat(call(token, proof).statusCode()).isEqualTo(200);
		HttpResponse<String> replayed = call(token, proof);
		assertRefused(replayed, "invalid_dpop_proof", "urn:gatehouse:problem:dpop-proof-replayed");
	}

	@Test
	void withoutTheServerNonceTheGatewayAnswersUseDpopNonceAndTheRetryWithItWorks() {
		String token = DpopTokens.of(target, key);
		HttpResponse<String> challenge = call(token, key.proof("GET", policies()).accessToken(token).build());
		assertRefused(challenge, "use_dpop_nonce", "urn:gatehouse:problem:use-dpop-nonce");
		String nonce = challenge.headers().firstValue("DPoP-Nonce").orElseThrow();
		HttpResponse<String> retry = call(token, key.proof("GET", policies()).accessToken(token).nonce(nonce).build());
		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
	}

	@Test
	void theTokenAsBearerIsRefusedWithADpopChallengeBesideTheBearerOne() {
		String token = DpopTokens.of(target, key);
		HttpResponse<String> response = Http.get(policies(), token);
		assertThat(response.statusCode()).isEqualTo(401);
		List<String> challenges = response.headers().allValues("WWW-Authenticate");
		assertThat(challenges)
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
		assertThat(challenges).anySatisfy(
				(challenge) -> assertThat(challenge).startsWith("DPoP error=\"invalid_token\"").contains("algs=\""));
		assertThat(response.body()).contains("urn:gatehouse:problem:dpop-bound-token-as-bearer");
	}

	@Test
	@LauncherOnly("in compose the backends are not published: only the gateway reaches them, over mutual TLS")
	void theTokenSentDirectlyToABackendIsRefusedThereWhateverTheScheme(Platform platform) {
		String token = DpopTokens.of(target, key);
		String direct = platform.serviceUrl("policy-service") + "/api/policies";
		HttpResponse<String> asBearer = Http.get(direct, token);
		assertThat(asBearer.statusCode()).isEqualTo(401);
		assertThat(asBearer.body()).contains("urn:gatehouse:problem:unverifiable-token-binding").contains("cnf jkt");
		HttpResponse<String> withProof = Http.send(HttpRequest.newBuilder(URI.create(direct))
			.header("Authorization", "DPoP " + token)
			.header("DPoP", key.proof("GET", direct).accessToken(token).build()));
		assertThat(withProof.statusCode()).isEqualTo(401);
		assertThat(withProof.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(withProof.body()).contains("urn:gatehouse:problem:unverifiable-token-binding");
	}

	@Test
	void aProofSignedByAnotherKeyIsRefusedAsAStolenToken() {
		String token = DpopTokens.of(target, key);
		DpopKey thief = DpopKey.generate();
		assertRefused(call(token, thief.proof("GET", policies()).accessToken(token).nonce(nonce()).build()),
				"invalid_token", "urn:gatehouse:problem:dpop-key-mismatch");
	}

	@Test
	void proofsForAnotherMethodUriOrTokenAreRefused() {
		String token = DpopTokens.of(target, key);
		String otherToken = DpopTokens.of(target, key);
		for (String proof : List.of(key.proof("POST", policies()).accessToken(token).nonce(nonce()).build(),
				key.proof("GET", target.gateway("/api/customers")).accessToken(token).nonce(nonce()).build(),
				key.proof("GET", policies()).accessToken(otherToken).nonce(nonce()).build())) {
			assertRefused(call(token, proof), "invalid_dpop_proof", "urn:gatehouse:problem:invalid-dpop-proof");
		}
	}

	/**
	 * The walk-through of docs/authentication-methods.md, run as a user runs it (bash,
	 * curl, openssl, docs/dpop-proof), with this platform's ports: the nonce step, the
	 * 200 with acme's policies, and both refusals.
	 */
	@Test
	@LauncherOnly("the walk-through calls policy-service directly, which compose does not publish")
	void theWalkThroughWorksAsWritten(Platform platform, @TempDir Path directory) throws Exception {
		String output = WalkThrough.of("docs/authentication-methods.md", "dpop-walk-through")
			.replace("http://localhost:8180", platform.keycloakUrl())
			.replace("http://127.0.0.1:8080", platform.serviceUrl("gateway"))
			.replace("http://127.0.0.1:8082", platform.serviceUrl("policy-service"))
			.replace("docs/dpop-proof", WalkThrough.ROOT.resolve("docs/dpop-proof").toString())
			.run(directory);
		assertThat(output).contains("\"id\":\"P-3001\"")
			.doesNotContain("P-3002", "customerId")
			.contains("urn:gatehouse:problem:dpop-bound-token-as-bearer")
			.contains("urn:gatehouse:problem:unverifiable-token-binding")
			.doesNotContain("invalid-dpop-proof", "use-dpop-nonce");
	}

	static HttpResponse<String> call(String token, String proof) {
		return Http.send(HttpRequest.newBuilder(URI.create(policies()))
			.header("Authorization", "DPoP " + token)
			.header("DPoP", proof));
	}

	/** The gateway's current nonce, from the 401 of a proof without one. */
	static String nonce() {
		String token = DpopTokens.of(target, key);
		return call(token, key.proof("GET", policies()).accessToken(token).build()).headers()
			.firstValue("DPoP-Nonce")
			.orElseThrow();
	}

	static void assertRefused(HttpResponse<String> response, String error, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("DPoP error=\"" + error + "\"").contains("algs=\""));
		assertThat(response.body()).contains(type);
	}

}
