package dev.gatehouse.bench.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Tokens for bench/run from the real Keycloak, fetched before anything is measured: starts
 * Keycloak alone through the launcher's {@link Platform} (no services, free ports, its own state
 * folder), raises the realm's access
 * token lifespan through the admin REST API (at run time only; the realm file is not touched) so one
 * token lasts the whole run, fetches a client-credentials token and the realm's key set, and stops
 * Keycloak again, so that it takes no CPU while the gateway is measured. The services are then
 * given the key set from a local file server.
 *
 * <pre>
 * FetchTokens --root &lt;repo&gt; --out &lt;dir&gt; [--client reporting-batch] [--lifespan-seconds 14400]
 * </pre>
 * Writes {@code token} (the bare token), {@code jwks.json}, {@code issuer} and {@code token.json}
 * (issuer, client, iat, exp, lifespan, Keycloak's start time).
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
		Files.createDirectories(out);

		// Keycloak only: no services. (Redis too when a redis-server is on the PATH, unless
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

			// Raise the realm's access token lifespan (a partial representation changes only this field).
			String admin = keycloak.adminAccessToken();
			HttpResponse<String> update = http.send(HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/gatehouse"))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"accessTokenLifespan\":" + lifespan + "}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (update.statusCode() / 100 != 2) {
				throw new IllegalStateException("could not set the realm's accessTokenLifespan: HTTP " + update.statusCode()
						+ " " + update.body());
			}

			String token = keycloak.tokens().client(client);
			JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
			long iat = claims.path("iat").asLong();
			long exp = claims.path("exp").asLong();

			HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(keycloak.issuerUri() + "/protocol/openid-connect/certs"))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			if (jwks.statusCode() != 200) {
				throw new IllegalStateException("could not fetch the key set: HTTP " + jwks.statusCode());
			}

			Files.writeString(out.resolve("token"), token, StandardCharsets.US_ASCII);
			Files.writeString(out.resolve("jwks.json"), jwks.body(), StandardCharsets.UTF_8);
			Files.writeString(out.resolve("issuer"), keycloak.issuerUri(), StandardCharsets.US_ASCII);
			Map<String, Object> info = new LinkedHashMap<>();
			info.put("issuer", keycloak.issuerUri());
			info.put("client", client);
			info.put("iat", Instant.ofEpochSecond(iat).toString());
			info.put("exp", Instant.ofEpochSecond(exp).toString());
			info.put("lifespan_seconds", exp - iat);
			info.put("keycloak_start_seconds", Math.round(startSeconds * 10) / 10.0);
			Files.writeString(out.resolve("token.json"), json.writeValueAsString(info), StandardCharsets.UTF_8);
			System.err.println("Token for " + client + " valid until " + Instant.ofEpochSecond(exp) + " ("
					+ (exp - iat) + " s); stopping Keycloak.");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
