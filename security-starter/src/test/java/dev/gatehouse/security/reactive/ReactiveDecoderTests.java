package dev.gatehouse.security.reactive;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.JwtDecoders;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The reactive decoder verifies a token with a cached key where the request is (no thread hop),
 * and goes where blocking is allowed whenever the key may have to be fetched; rotation and removal
 * of keys behave as in the servlet decoder.
 */
class ReactiveDecoderTests {

	private final TestIssuer issuer = TestIssuer.start();

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private ReactiveJwtDecoder decoder(Duration cacheTtl) {
		GatehouseSecurityProperties properties = new GatehouseSecurityProperties();
		properties.setIssuerUri(URI.create(this.issuer.issuerUri()));
		properties.setJwkSetCacheTtl(cacheTtl);
		properties.setJwkSetRefetchMinInterval(Duration.ZERO);
		return JwtDecoders.reactive(properties);
	}

	/** The thread the verified token arrives on. */
	private static String verifiedOn(ReactiveJwtDecoder decoder, String token) {
		return decoder.decode(token).map((jwt) -> Thread.currentThread().getName()).block(Duration.ofSeconds(10));
	}

	@Test
	void aTokenWhoseKeyIsCachedIsVerifiedInlineAndOthersWhereBlockingIsAllowed() {
		ReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));
		String caller = Thread.currentThread().getName();
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).build())).as("first token: keys fetched")
			.startsWith("boundedElastic");
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).build())).as("cached key").isEqualTo(caller);
		RSAKey next = TestIssuer.newKey();
		this.issuer.publish(this.issuer.signingKey(), next);
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).signedBy(next).build())).as("new key id: fetched")
			.startsWith("boundedElastic");
		assertThat(verifiedOn(decoder, this.issuer.token(Persona.BOB).signedBy(next).build())).as("new key, now cached")
			.isEqualTo(caller);
		assertThat(this.issuer.keySetRequests()).isEqualTo(2);
	}

	@Test
	void aRemovedKeyStopsBeingTrustedOnceTheCacheLifetimeHasPassed() {
		ReactiveJwtDecoder decoder = decoder(Duration.ofSeconds(2));
		String old = this.issuer.token(Persona.BOB).build();
		verifiedOn(decoder, old);
		RSAKey next = TestIssuer.newKey();
		this.issuer.publish(next);
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

}
