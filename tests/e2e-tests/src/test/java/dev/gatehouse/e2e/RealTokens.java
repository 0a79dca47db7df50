package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.pki.DevPki.PartnerCertificate;
import dev.gatehouse.test.TlsClient;

/**
 * Tokens from the real Keycloak, fetched once per caller and again when they near the end
 * of their five minutes: Authorization Code + PKCE for users, client credentials for
 * confidential clients, acme-partner's certificate-bound token (RFC 8705) on Keycloak's
 * HTTPS port, and acme-dpop's token bound to {@link DpopTokens#KEY} (RFC 9449).
 */
final class RealTokens {

	/**
	 * Tokens live five minutes; one older than this is fetched again rather than used.
	 */
	private static final Duration REUSE = Duration.ofMinutes(4);

	static final String ACME_PARTNER = "acme-partner";

	private static final Map<String, Fetched> tokens = new ConcurrentHashMap<>();

	private RealTokens() {
	}

	static String of(Platform platform, String caller) {
		if (ACME_PARTNER.equals(caller)) {
			return cached(caller, () -> boundToAcme(platform));
		}
		if (DpopTokens.CLIENT.equals(caller)) {
			return cached(caller, () -> DpopTokens.of(new LauncherTarget(platform), DpopTokens.KEY));
		}
		return cached(caller, () -> platform.tokens().forName(caller));
	}

	/**
	 * Against compose there is no Keycloak HTTPS port: acme-partner's bound token is
	 * launcher-only.
	 */
	static String of(Target target, String caller) {
		if (target instanceof LauncherTarget launcher) {
			return of(launcher.platform(), caller);
		}
		if (DpopTokens.CLIENT.equals(caller)) {
			return cached(caller, () -> DpopTokens.of(target, DpopTokens.KEY));
		}
		return cached(caller, () -> target.tokens().forName(caller));
	}

	private static String cached(String caller, Supplier<String> fetch) {
		return tokens
			.compute(caller, (name, fetched) -> (fetched != null && fetched.at().plus(REUSE).isAfter(Instant.now()))
					? fetched : new Fetched(fetch.get(), Instant.now()))
			.token();
	}

	/**
	 * client_credentials for acme-partner, authenticated by its certificate
	 * (tls_client_auth).
	 */
	private static String boundToAcme(Platform platform) {
		Path pki = platform.config().pkiDirectory();
		HttpClient http = HttpClient.newBuilder()
			.sslContext(TlsClient.sslContext(pki, PartnerCertificate.ACME.keyStore()))
			.build();
		URI tokenEndpoint = URI.create("https://localhost:" + platform.config().port(PlatformConfig.KEYCLOAK_HTTPS)
				+ "/realms/gatehouse/protocol/openid-connect/token");
		HttpResponse<String> response = Http.send(http, HttpRequest.newBuilder(tokenEndpoint)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + ACME_PARTNER)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"Keycloak refused acme-partner's token: " + response.statusCode() + " " + response.body());
		}
		return Http.json(response).path("access_token").asString();
	}

	private record Fetched(String token, Instant at) {
	}

}
