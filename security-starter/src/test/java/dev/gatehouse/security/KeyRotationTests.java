package dev.gatehouse.security;

import java.net.URI;
import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Signing-key rotation at the issuer: keys are cached (not fetched per request), a new key is picked
 * up without a restart, and a removed key stops being trusted once the cache lifetime has passed.
 */
class KeyRotationTests {

	private static final String OTHER_ISSUER = "http://localhost:1/realms/other";

	private final TestIssuer issuer = TestIssuer.start();

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	private JwtDecoder decoder(Duration cacheTtl) {
		return decoder(cacheTtl, Duration.ZERO);
	}

	private JwtDecoder decoder(Duration cacheTtl, Duration refetchMinInterval) {
		GatehouseSecurityProperties properties = new GatehouseSecurityProperties();
		properties.setIssuerUri(URI.create(this.issuer.issuerUri()));
		properties.setJwkSetCacheTtl(cacheTtl);
		properties.setJwkSetRefetchMinInterval(refetchMinInterval);
		return JwtDecoders.servlet(properties);
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
			String otherRealm = this.issuer.token(Persona.BOB).issuer(OTHER_ISSUER).signedBy(TestIssuer.newKey()).build();
			assertThatThrownBy(() -> decoder.decode(otherRealm)).isInstanceOf(BadJwtException.class);
		}
		assertThat(this.issuer.keySetRequests()).isEqualTo(1);
	}

	@Test
	void newSigningKeyIsAcceptedAtOnceEvenRightAfterTokensFromAnotherIssuer() {
		JwtDecoder decoder = decoder(Duration.ofMinutes(5), Duration.ofMinutes(1));
		decoder.decode(this.issuer.token(Persona.BOB).build());
		for (int i = 0; i < 3; i++) {
			String otherRealm = this.issuer.token(Persona.BOB).issuer(OTHER_ISSUER).signedBy(TestIssuer.newKey()).build();
			assertThatThrownBy(() -> decoder.decode(otherRealm)).isInstanceOf(BadJwtException.class);
		}

		RSAKey newKey = TestIssuer.newKey();
		this.issuer.publish(this.issuer.signingKey(), newKey);
		assertThat(decoder.decode(this.issuer.token(Persona.BOB).signedBy(newKey).build()).getSubject()).isNotBlank();
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
		assertThat(decoder.decode(this.issuer.token(Persona.BOB).signedBy(newKey).build()).getSubject()).isNotBlank();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThatThrownBy(() -> decoder.decode(oldKeyToken)).isInstanceOf(BadJwtException.class));
	}

}
