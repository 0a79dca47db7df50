package dev.gatehouse.security.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Signing-key rotation at the issuer, through the servlet decoder against a real key-set
 * endpoint: keys are cached (not fetched per request), a new key is picked up without a
 * restart within the stated bound even while a flood of forged key ids runs, the flood
 * costs at most one fetch per interval, and a removed key stops being trusted once the
 * cache lifetime has passed. The refetch rules themselves, on a controlled clock:
 * {@link IssuerKeySetTests}.
 */
class KeyRotationTests {

	private static final String OTHER_ISSUER = "http://localhost:1/realms/other";

	private final TestIssuer issuer = TestIssuer.start();

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private JwtDecoder decoder(Duration cacheTtl) {
		return decoder(cacheTtl, INTERVAL);
	}

	private JwtDecoder decoder(Duration cacheTtl, Duration refetchMinInterval) {
		return JwtDecoders.servlet(properties(this.issuer, cacheTtl, refetchMinInterval));
	}

	static final Duration INTERVAL = Duration.ofSeconds(1);

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	static GatehouseSecurityProperties properties(TestIssuer issuer, Duration cacheTtl, Duration refetchMinInterval) {
		GatehouseSecurityProperties properties = new GatehouseSecurityProperties();
		properties.setIssuerUri(URI.create(issuer.issuerUri()));
		properties.setJwkSetCacheTtl(cacheTtl);
		properties.setJwkSetRefetchMinInterval(refetchMinInterval);
		properties.setJwkSetTimeout(TIMEOUT);
		return properties;
	}

	/**
	 * A token with the issuer's iss signed by an attacker's key under a made-up key id.
	 */
	static String forged(TestIssuer issuer) {
		return issuer.token(Persona.BOB)
			.signedBy(new RSAKey.Builder(ATTACKER).keyID(UUID.randomUUID().toString()).build())
			.build();
	}

	static final RSAKey ATTACKER = TestIssuer.newKey();

	@Test
	void aNewKeyIsTrustedWithinIntervalPlusTimeoutOfItsPublicationWhileAFloodOfForgedKeyIdsRuns() throws Exception {
		JwtDecoder decoder = decoder(Duration.ofMinutes(5));
		decoder.decode(this.issuer.token(Persona.BOB).build());
		AtomicBoolean flooding = new AtomicBoolean(true);
		AtomicInteger refused = new AtomicInteger();
		Thread flood = new Thread(() -> {
			while (flooding.get()) {
				assertThatThrownBy(() -> decoder.decode(forged(this.issuer))).isInstanceOf(BadJwtException.class);
				refused.incrementAndGet();
			}
		});
		// The flood's length is measured from its start: the sleep below and making the
		// new
		// key take longer than written on a busy machine, and the fetches they allow
		// count.
		Instant floodStarted = Instant.now();
		flood.start();
		try {
			Thread.sleep(1_500);
			RSAKey newKey = TestIssuer.newKey();
			Instant published = Instant.now();
			this.issuer.publish(this.issuer.signingKey(), newKey);
			Duration bound = properties(this.issuer, Duration.ofMinutes(5), INTERVAL).newKeyTrustedWithin();
			Thread.sleep(Math.max(0, Duration.between(Instant.now(), published.plus(bound)).toMillis()));
			assertThat(decoder.decode(this.issuer.token(Persona.BOB).signedBy(newKey).build()).getSubject())
				.as("one request presented %s after the publication", bound)
				.isNotBlank();
			Duration flooded = Duration.between(floodStarted, Instant.now());
			assertThat(this.issuer.keySetRequests()).as("fetches for %s forged tokens in %s", refused.get(), flooded)
				.isLessThanOrEqualTo((int) (flooded.toMillis() / INTERVAL.toMillis()) + 2);
			assertThat(refused.get()).isGreaterThan(10);
		}
		finally {
			flooding.set(false);
			flood.join(10_000);
		}
	}

	@Test
	void unknownKeyIdsCannotMakeTheServiceHammerTheIssuerAndAreStillPlainBadTokens() {
		JwtDecoder decoder = decoder(Duration.ofMinutes(5), Duration.ofMinutes(1));
		decoder.decode(this.issuer.token(Persona.BOB).build());
		for (int i = 0; i < 5; i++) {
			String forged = this.issuer.token(Persona.BOB).signedBy(TestIssuer.newKey()).build();
			assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
		}
		assertThat(this.issuer.keySetRequests()).isLessThanOrEqualTo(2);
	}

	@Test
	void tokensFromAnotherIssuerNeverMakeTheServiceFetchKeys() {
		JwtDecoder decoder = decoder(Duration.ofMinutes(5));
		decoder.decode(this.issuer.token(Persona.BOB).build());
		for (int i = 0; i < 5; i++) {
			String otherRealm = this.issuer.token(Persona.BOB)
				.issuer(OTHER_ISSUER)
				.signedBy(TestIssuer.newKey())
				.build();
			assertThatThrownBy(() -> decoder.decode(otherRealm)).isInstanceOf(BadJwtException.class);
		}
		assertThat(this.issuer.keySetRequests()).isEqualTo(1);
	}

	@Test
	void tokensFromAnotherIssuerLeaveTheNextFetchToANewSigningKey() throws Exception {
		JwtDecoder decoder = decoder(Duration.ofMinutes(5));
		decoder.decode(this.issuer.token(Persona.BOB).build());
		Thread.sleep(INTERVAL.toMillis());
		for (int i = 0; i < 3; i++) {
			String otherRealm = this.issuer.token(Persona.BOB)
				.issuer(OTHER_ISSUER)
				.signedBy(TestIssuer.newKey())
				.build();
			assertThatThrownBy(() -> decoder.decode(otherRealm)).isInstanceOf(BadJwtException.class);
		}

		RSAKey newKey = TestIssuer.newKey();
		this.issuer.publish(this.issuer.signingKey(), newKey);
		assertThat(decoder.decode(this.issuer.token(Persona.BOB).signedBy(newKey).build()).getSubject()).isNotBlank();
		assertThat(this.issuer.keySetRequests()).isEqualTo(2);
	}

	@Test
	void keysAreFetchedOnceAndReusedAcrossRequests() {
		JwtDecoder decoder = decoder(Duration.ofMinutes(5));
		for (int i = 0; i < 20; i++) {
			decoder.decode(this.issuer.token(Persona.BOB).build());
		}
		assertThat(this.issuer.keySetRequests()).isEqualTo(1);
	}

	@Test
	void newSigningKeyIsAcceptedWithoutRestartAndRemovedKeyIsRejectedAfterTheCacheLifetime() {
		JwtDecoder decoder = decoder(Duration.ofSeconds(2));
		String oldKeyToken = this.issuer.token(Persona.BOB).build();
		decoder.decode(oldKeyToken);

		RSAKey newKey = TestIssuer.newKey();
		this.issuer.publish(newKey);
		String newKeyToken = this.issuer.token(Persona.BOB).signedBy(newKey).build();
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(decoder.decode(newKeyToken).getSubject()).isNotBlank());

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThatThrownBy(() -> decoder.decode(oldKeyToken)).isInstanceOf(BadJwtException.class));
	}

}
