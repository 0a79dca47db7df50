package dev.gatehouse.security.reactive;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.internal.JwtDecoders;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The reactive decoder verifies a token with a cached key where the request is (no thread
 * hop), and goes where blocking is allowed whenever the key may have to be fetched; a
 * flood of forged key ids is refused where the request is, costs at most one fetch per
 * interval and does not keep a new key out beyond the bound; rotation and removal of keys
 * behave as in the servlet decoder.
 */
class ReactiveDecoderTests {

	private final TestIssuer issuer = TestIssuer.start();

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	static final Duration INTERVAL = Duration.ofSeconds(1);

	static final RSAKey ATTACKER = TestIssuer.newKey();

	private ReactiveJwtDecoder decoder(Duration cacheTtl) {
		return JwtDecoders.reactive(properties(cacheTtl));
	}

	private GatehouseSecurityProperties properties(Duration cacheTtl) {
		GatehouseSecurityProperties properties = new GatehouseSecurityProperties();
		properties.setIssuerUri(URI.create(this.issuer.issuerUri()));
		properties.setJwkSetCacheTtl(cacheTtl);
		properties.setJwkSetRefetchMinInterval(INTERVAL);
		properties.setJwkSetTimeout(Duration.ofSeconds(2));
		return properties;
	}

	private String forged() {
		return this.issuer.token(Persona.BOB)
			.signedBy(new RSAKey.Builder(ATTACKER).keyID(UUID.randomUUID().toString()).build())
			.build();
	}

	@Test
	void aFloodOfForgedKeyIdsIsRefusedInlineCostsAtMostOneFetchPerIntervalAndANewKeyIsTrustedWithinTheBound()
			throws Exception {
		ReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));
		String caller = Thread.currentThread().getName();
		verifiedOn(decoder, this.issuer.token(Persona.BOB).build());
		Instant start = Instant.now();
		Set<String> refusedOn = new HashSet<>();
		RSAKey newKey = TestIssuer.newKey();
		Instant published = null;
		Duration bound = properties(Duration.ofMinutes(5)).newKeyTrustedWithin();
		while (published == null || Instant.now().isBefore(published.plus(bound))) {
			if (published == null && Duration.between(start, Instant.now()).toMillis() > 1_500) {
				this.issuer.publish(this.issuer.signingKey(), newKey);
				published = Instant.now();
			}
			assertThatThrownBy(() -> decoder.decode(forged())
				.doOnError((ex) -> refusedOn.add(Thread.currentThread().getName()))
				.block(Duration.ofSeconds(10))).isInstanceOf(BadJwtException.class);
		}
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).signedBy(newKey).build()))
			.as("a token of the new key presented %s after its publication", bound)
			.isNotNull();
		Duration flooded = Duration.between(start, Instant.now());
		assertThat(this.issuer.keySetRequests())
			.isLessThanOrEqualTo((int) (flooded.toMillis() / INTERVAL.toMillis()) + 2);
		assertThat(refusedOn).as("forged tokens are refused where the request is, but for those that fetch")
			.contains(caller);
	}

	/** The thread the verified token arrives on. */
	private static String verifiedOn(ReactiveJwtDecoder decoder, String token) {
		return decoder.decode(token).map((jwt) -> Thread.currentThread().getName()).block(Duration.ofSeconds(10));
	}

	@Test
	void aTokenWhoseKeyIsCachedIsVerifiedInlineAndOthersWhereBlockingIsAllowed() throws Exception {
		ReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));
		String caller = Thread.currentThread().getName();
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).build())).as("first token: keys fetched")
			.startsWith("boundedElastic");
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).build())).as("cached key").isEqualTo(caller);
		RSAKey next = TestIssuer.newKey();
		this.issuer.publish(this.issuer.signingKey(), next);
		sleep(INTERVAL);
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).signedBy(next).build())).as("new key id: fetched")
			.startsWith("boundedElastic");
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).signedBy(next).build())).as("new key, now cached")
			.isEqualTo(caller);
		assertThat(this.issuer.keySetRequests()).isEqualTo(2);
	}

	@Test
	void aRemovedKeyStopsBeingTrustedOnceTheCacheLifetimeHasPassed() throws Exception {
		ReactiveJwtDecoder decoder = decoder(Duration.ofSeconds(2));
		String old = this.issuer.token(Persona.BOB).build();
		verifiedOn(decoder, old);
		RSAKey next = TestIssuer.newKey();
		this.issuer.publish(next);
		sleep(INTERVAL);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThatThrownBy(() -> decoder.decode(old).block(Duration.ofSeconds(10)))
				.isInstanceOf(BadJwtException.class));
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).signedBy(next).build())).isNotNull();
	}

	@Test
	void anExpiredTokenWithACachedKeyIsStillRefused() {
		ReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));
		verifiedOn(decoder, this.issuer.token(Persona.BOB).build());
		String expired = this.issuer.token(Persona.BOB).expiresAt(Instant.now().minusSeconds(120)).build();
		assertThatThrownBy(() -> decoder.decode(expired).block(Duration.ofSeconds(10))).hasMessageContaining("expired");
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

}
