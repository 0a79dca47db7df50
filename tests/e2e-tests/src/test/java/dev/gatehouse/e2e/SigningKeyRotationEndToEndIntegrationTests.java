package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.security.GatehouseSecurityProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator rotates the realm's signing key in Keycloak (a new key is added and the old
 * one disabled) while a flood of forged tokens with the realm's issuer and made-up key
 * ids hits the gateway and both services. Every component accepts a token of the new key
 * presented {@code jwk-set-refetch-min-interval + jwk-set-timeout} after the key was
 * published (the starter's defaults: the bound docs/security-starter.md states), without
 * a restart; the flood makes Keycloak serve at most one key set per component and
 * interval, as its own access log shows; tokens from another realm make no component
 * fetch keys at all; and a token of the removed key is refused within the key-cache
 * lifetime. Runs last: it invalidates every token issued before it.
 */
@Order(Integer.MAX_VALUE)
@LauncherOnly("in compose the backends are not published: only the gateway reaches them, over mutual TLS; and a rotation would invalidate the tokens of the compose-only tests that run after the suite")
@ExtendWith(RunningPlatform.class)
@WafChecked
class SigningKeyRotationEndToEndIntegrationTests {

	static final GatehouseSecurityProperties DEFAULTS = new GatehouseSecurityProperties();

	static final List<String> COMPONENTS = List.of("gateway", "customer-service", "policy-service");

	@Test
	void aNewKeyIsTrustedWithinTheBoundUnderAFloodOfForgedKeyIdsAndTheRemovedKeyIsRefusedWithinTheCacheLifetime(
			Platform platform) throws Exception {
		Map<String, String> urls = Map.of("gateway", platform.serviceUrl("gateway") + "/api/customers",
				"customer-service", platform.serviceUrl("customer-service") + "/api/customers", "policy-service",
				platform.serviceUrl("policy-service") + "/api/policies");
		String oldKeyToken = platform.tokens().client("reporting-batch");
		urls.forEach(
				(component, url) -> assertThat(Http.get(url, oldKeyToken).statusCode()).as(component).isEqualTo(200));

		// Tokens from another realm (the master realm's admin token) never make a
		// component fetch keys.
		String otherRealmToken = platform.keycloak().adminAccessToken();
		Thread.sleep(1_000);
		int beforeOtherRealm = keySetFetches(platform);
		for (int i = 0; i < 3; i++) {
			urls.forEach((component, url) -> assertThat(Http.get(url, otherRealmToken).statusCode()).as(component)
				.isEqualTo(401));
		}
		Thread.sleep(1_000);
		assertThat(keySetFetches(platform)).isEqualTo(beforeOtherRealm);

		Flood flood = new Flood(platform.keycloak().issuerUri(), urls);
		int fetchesBefore = keySetFetches(platform);
		Instant floodStart = Instant.now();
		flood.start();
		Duration bound = DEFAULTS.newKeyTrustedWithin();
		try {
			Thread.sleep(3_000);
			KeycloakAdmin admin = new KeycloakAdmin(platform);
			String newKey = admin.addSigningKey("rotated-" + System.currentTimeMillis(), 500);
			Instant published = Instant.now();
			admin.disableSigningKeysExcept(newKey);
			String newKeyToken = platform.tokens().client("reporting-batch");
			assertThat(kid(newKeyToken)).isNotEqualTo(kid(oldKeyToken));

			Thread.sleep(Math.max(0, Duration.between(Instant.now(), published.plus(bound)).toMillis()));
			urls.forEach((component, url) -> assertThat(Http.get(url, newKeyToken).statusCode())
				.as("%s: one request with a token of the new key, %s after its publication, under the flood", component,
						bound)
				.isEqualTo(200));
			Thread.sleep(2_000);
		}
		finally {
			flood.stop();
		}
		Duration flooded = Duration.between(floodStart, Instant.now());
		Thread.sleep(1_000);
		int fetched = keySetFetches(platform) - fetchesBefore;
		// Fetches start at least an interval apart per component; one more for a fetch
		// that straddles the start.
		long intervals = flooded.toMillis() / DEFAULTS.getJwkSetRefetchMinInterval().toMillis() + 2;
		// 429 once the gateway's limit on failed authentications per address applies (the
		// run raises it).
		assertThat(flood.refused().keySet()).as("forged tokens refused, by status").isNotEmpty().isSubsetOf(401, 429);
		assertThat(flood.refused().values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThan(100);
		assertThat(fetched).as("key-set fetches from %d components in %s of flood", COMPONENTS.size(), flooded)
			.isBetween(COMPONENTS.size(), (int) (COMPONENTS.size() * intervals));

		Duration limit = RunningPlatform.KEY_CACHE_TTL.plusSeconds(5);
		await().atMost(limit)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> urls.forEach((component,
					url) -> assertThat(Http.get(url, oldKeyToken).statusCode()).as(component).isEqualTo(401)));
		assertThat(Http.get(urls.get("customer-service"), oldKeyToken).body())
			.contains("urn:gatehouse:problem:bad-signature");
	}

	/**
	 * How often Keycloak has served the gatehouse realm's key set, from its access log.
	 */
	static int keySetFetches(Platform platform) throws IOException {
		try (var lines = Files.lines(platform.keycloak().logFile(), StandardCharsets.UTF_8)) {
			return (int) lines
				.filter((line) -> line.contains("\"GET /realms/gatehouse/protocol/openid-connect/certs\""))
				.count();
		}
	}

	private static String kid(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
		return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
	}

	/**
	 * Forged tokens, each with the realm's issuer and audience, a fresh made-up key id
	 * and an attacker's signature, sent as fast as three threads manage to every
	 * component. They come from other loopback addresses than the test's own requests
	 * (127.0.0.2 and up, over plain sockets), so a limit on failed authentication per
	 * address does not touch the test's requests.
	 */
	static final class Flood {

		private final String issuer;

		private final Map<String, String> urls;

		private final RSAPrivateKey attacker;

		private final AtomicBoolean running = new AtomicBoolean();

		private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

		private final List<Thread> threads = new ArrayList<>();

		Flood(String issuer, Map<String, String> urls) throws Exception {
			this.issuer = issuer;
			this.urls = urls;
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			this.attacker = (RSAPrivateKey) pair.getPrivate();
		}

		void start() {
			this.running.set(true);
			for (int i = 0; i < 3; i++) {
				int thread = i;
				Thread flooder = new Thread(() -> {
					int n = 0;
					while (this.running.get()) {
						for (String url : this.urls.values()) {
							int status = send(url, forged(), "127.0.0." + (2 + (thread * 80 + n++ % 80)));
							this.statuses.computeIfAbsent(status, (key) -> new AtomicInteger()).incrementAndGet();
						}
					}
				}, "flood-" + i);
				flooder.start();
				this.threads.add(flooder);
			}
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(10_000);
			}
		}

		Map<Integer, AtomicInteger> refused() {
			return this.statuses;
		}

		private String forged() {
			try {
				SignedJWT jwt = new SignedJWT(
						new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
							.keyID(UUID.randomUUID().toString())
							.build(),
						new JWTClaimsSet.Builder().issuer(this.issuer)
							.audience("gatehouse-api")
							.subject(UUID.randomUUID().toString())
							.claim("azp", "reporting-batch")
							.issueTime(new Date())
							.expirationTime(Date.from(Instant.now().plusSeconds(300)))
							.build());
				jwt.sign(new RSASSASigner(this.attacker));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * One GET over a plain socket from the given local address; the response's
		 * status, or -1.
		 */
		private static int send(String url, String token, String from) {
			URI uri = URI.create(url);
			try (Socket socket = new Socket()) {
				socket.bind(new InetSocketAddress(from, 0));
				socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
						+ "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] head = new byte[12];
				int read = in.readNBytes(head, 0, 12);
				String statusLine = new String(head, 0, read, StandardCharsets.US_ASCII);
				return (read == 12) ? Integer.parseInt(statusLine.substring(9, 12)) : -1;
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}

	}

}
