package dev.gatehouse.bench.tools;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.keycloak.KeycloakServer;

/**
 * Tokens for bench/run from the real Keycloak, fetched before anything is measured:
 * starts Keycloak alone through the launcher's {@link Platform} (no services, free ports,
 * its own state folder), raises the realm's access token lifespan through the admin REST
 * API (at run time only; the realm file is not touched) so one token lasts the whole run,
 * fetches the tokens and the realm's key set, and stops Keycloak again, so that it takes
 * no CPU while the gateway is measured. The services are then given the key set from a
 * local file server.
 *
 * <pre>
 * FetchTokens --root &lt;repo&gt; --out &lt;dir&gt; [--client reporting-batch] [--lifespan-seconds 14400]
 *             [--role-counts 5,200]
 * </pre> Writes {@code token} (the bare token of the client), {@code jwks.json},
 * {@code public-key.pem} (the realm's signing key that verifies the token, for HAProxy),
 * {@code issuer}, {@code token-roles-<n>} (tokens of the bench-only client
 * {@code bench-sweep}, roles customer:read and customer:write plus bench-only roles up to
 * n in all), {@code token-wrong-audience}, {@code token-expired} (valid signatures, for
 * the refusal checks), {@code gateway-token.json} (a token response of the gateway's own
 * client {@code gatehouse-gateway}, served to the gateway as its token endpoint in the
 * API-key sweep) and {@code token.json} (issuer, client, iat, exp, lifespan, roles,
 * Keycloak's start time).
 */
public final class FetchTokens {

	private FetchTokens() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = Args.parse(args);
		Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
		Path out = Path.of(options.get("out")).toAbsolutePath();
		String client = options.getOrDefault("client", "reporting-batch");
		long lifespan = Long.parseLong(options.getOrDefault("lifespan-seconds", "14400"));
		List<Integer> roleCounts = Arrays.stream(options.getOrDefault("role-counts", "5,200").split(","))
			.map(String::trim)
			.map(Integer::valueOf)
			.toList();
		Files.createDirectories(out);

		// Keycloak only: no services. (Redis too when a redis-server is on the PATH,
		// unless
		// GATEHOUSE_RATE_LIMIT_STORE=memory, which bench/run sets.)
		PlatformConfig config = PlatformConfig.defaults(root)
			.withServices(List.of())
			.withFreePorts()
			.withStateDir(out.resolve("keycloak-state"));
		long began = System.nanoTime();
		try (Platform platform = Platform.prepare(config, System.err).start()) {
			KeycloakServer keycloak = platform.keycloak();
			double startSeconds = (System.nanoTime() - began) / 1e9;
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
			JsonMapper json = JsonMapper.builder().build();

			// Raise the realm's access token lifespan (a partial representation changes
			// only this field).
			String admin = keycloak.adminAccessToken();
			HttpResponse<String> update = http
				.send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/gatehouse"))
					.header("Authorization", "Bearer " + admin)
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"accessTokenLifespan\":" + lifespan + "}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (update.statusCode() / 100 != 2) {
				throw new IllegalStateException("could not set the realm's accessTokenLifespan: HTTP "
						+ update.statusCode() + " " + update.body());
			}

			String token = keycloak.tokens().client(client);
			JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
			long iat = claims.path("iat").asLong();
			long exp = claims.path("exp").asLong();

			HttpResponse<String> jwks = http
				.send(HttpRequest.newBuilder(URI.create(keycloak.issuerUri() + "/protocol/openid-connect/certs"))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString());
			if (jwks.statusCode() != 200) {
				throw new IllegalStateException("could not fetch the key set: HTTP " + jwks.statusCode());
			}

			BenchClients bench = new BenchClients(json, keycloak.url(), keycloak::adminAccessToken,
					keycloak.tokens().tokenClient());
			String sweepSecret = bench.createClient("bench-sweep", List.of("customer:read", "customer:write"), Map.of(),
					null);
			List<String> roleTokens = bench.tokensWithRoles("bench-sweep", sweepSecret, roleCounts);
			List<Integer> sortedCounts = roleCounts.stream().sorted().toList();
			for (int i = 0; i < sortedCounts.size(); i++) {
				Files.writeString(out.resolve("token-roles-" + sortedCounts.get(i)), roleTokens.get(i),
						StandardCharsets.US_ASCII);
			}
			// The refusal checks: signed by the realm, but for another audience, or
			// expired. Each
			// client has customer:read, so only the audience or the expiry can be why it
			// is refused.
			String wrongAudience = keycloak.tokens()
				.tokenClient()
				.clientCredentials("bench-wrong-audience", bench.createClient("bench-wrong-audience",
						List.of("customer:read"), Map.of(), "not-gatehouse-api"));
			// A client-level lifespan of one second: the token is expired a second after
			// it is issued.
			String expired = keycloak.tokens()
				.tokenClient()
				.clientCredentials("bench-expired", bench.createClient("bench-expired", List.of("customer:read"),
						Map.of("access.token.lifespan", "1"), null));
			Files.writeString(out.resolve("token-wrong-audience"), wrongAudience, StandardCharsets.US_ASCII);
			Files.writeString(out.resolve("token-expired"), expired, StandardCharsets.US_ASCII);
			// The gateway's own client, for routes that call a backend with the gateway's
			// token.
			String gatewayToken = keycloak.tokens().client("gatehouse-gateway");
			long gatewayExp = bench.claims(gatewayToken).path("exp").asLong();
			Map<String, Object> tokenResponse = new LinkedHashMap<>();
			tokenResponse.put("access_token", gatewayToken);
			tokenResponse.put("token_type", "Bearer");
			tokenResponse.put("expires_in", gatewayExp - Instant.now().getEpochSecond());
			Files.writeString(out.resolve("gateway-token.json"), json.writeValueAsString(tokenResponse),
					StandardCharsets.US_ASCII);

			Files.writeString(out.resolve("token"), token, StandardCharsets.US_ASCII);
			Files.writeString(out.resolve("jwks.json"), jwks.body(), StandardCharsets.UTF_8);
			String kid = json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0])).path("kid").asText();
			Files.writeString(out.resolve("public-key.pem"), publicKeyPem(json.readTree(jwks.body()), kid),
					StandardCharsets.US_ASCII);
			Files.writeString(out.resolve("issuer"), keycloak.issuerUri(), StandardCharsets.US_ASCII);
			Map<String, Object> info = new LinkedHashMap<>();
			info.put("issuer", keycloak.issuerUri());
			info.put("client", client);
			info.put("iat", Instant.ofEpochSecond(iat).toString());
			info.put("exp", Instant.ofEpochSecond(exp).toString());
			info.put("lifespan_seconds", exp - iat);
			info.put("roles", bench.roleCount(token));
			Map<String, Object> roleInfo = new LinkedHashMap<>();
			for (int count : sortedCounts) {
				roleInfo.put(String.valueOf(count), "token-roles-" + count + " (client bench-sweep)");
			}
			info.put("role_tokens", roleInfo);
			info.put("wrong_audience", bench.claims(wrongAudience).path("aud"));
			info.put("expired_exp", bench.claims(expired).path("exp").asLong());
			info.put("keycloak_start_seconds", Math.round(startSeconds * 10) / 10.0);
			Files.writeString(out.resolve("token.json"), json.writeValueAsString(info), StandardCharsets.UTF_8);
			System.err.println("Token for " + client + " valid until " + Instant.ofEpochSecond(exp) + " (" + (exp - iat)
					+ " s); stopping Keycloak.");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * The key of the key set with this key id, as the PEM "PUBLIC KEY" (X.509
	 * SubjectPublicKeyInfo) HAProxy reads.
	 */
	static String publicKeyPem(JsonNode jwks, String kid) throws GeneralSecurityException {
		for (JsonNode key : jwks.path("keys")) {
			if ("RSA".equals(key.path("kty").asText()) && kid.equals(key.path("kid").asText())) {
				BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()));
				BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()));
				byte[] der = KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(modulus, exponent))
					.getEncoded();
				return "-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
						+ "\n-----END PUBLIC KEY-----\n";
			}
		}
		throw new IllegalStateException("no RSA key with kid " + kid + " in the realm's key set");
	}

}
