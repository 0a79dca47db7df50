package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.gatehouse.test.DpopKey;

/**
 * DPoP-bound tokens of the demo partner system {@code acme-dpop} from the real Keycloak:
 * client credentials with the client's secret and a DPoP proof for the token endpoint
 * (RFC 9449 section 5).
 */
final class DpopTokens {

	static final String CLIENT = "acme-dpop";

	static final String SECRET = "acme-dpop-secret";

	private DpopTokens() {
	}

	static String tokenEndpoint(Target target) {
		return target.keycloakUrl() + "/realms/gatehouse/protocol/openid-connect/token";
	}

	/** The token endpoint's answer; without a key, the request carries no proof. */
	static HttpResponse<String> request(Target target, DpopKey key) {
		String endpoint = tokenEndpoint(target);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
		if (key != null) {
			request.header("DPoP", key.proof("POST", endpoint).build());
		}
		return Http.send(request);
	}

	/** The key of the matrix's and {@link RealTokens}' acme-dpop tokens. */
	static final DpopKey KEY = DpopKey.generate();

	private static volatile String nonce;

	/**
	 * The gateway's nonce to put in proofs from now on, from its 401
	 * {@code use_dpop_nonce}.
	 */
	static void useNonce(String current) {
		nonce = current;
	}

	/**
	 * A new proof with {@link #KEY} for a request with this token, with the last nonce
	 * learnt.
	 */
	static String proof(String method, String url, String token) {
		DpopKey.Proof proof = KEY.proof(method, url.replaceAll("[?#].*", "")).accessToken(token);
		String current = nonce;
		return ((current != null) ? proof.nonce(current) : proof).build();
	}

	/** A new access token bound to the key. */
	static String of(Target target, DpopKey key) {
		HttpResponse<String> response = request(target, key);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"Keycloak refused acme-dpop's token: " + response.statusCode() + " " + response.body());
		}
		return Http.json(response).path("access_token").asString();
	}

}
