package dev.gatehouse.gateway.apikey;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.GatewayProblemException;
import dev.gatehouse.gateway.apikey.ApiKeyException.Reason;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;
import dev.gatehouse.gateway.apikey.PartnerKeys.Rotation;
import dev.gatehouse.gateway.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The key store's rules with the in-memory store and a clock the tests move: seeding,
 * rotation with the old key working until its retirement, revocation at once, one
 * partner's administrator kept from another's keys. The Redis store is held to the same
 * behaviour by PartnerKeysIntegrationTests.
 */
class PartnerKeysTests {

	static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	static final String ACME_KEY = "ghk_test_acme_0123456789abcdef";

	static final String GLOBEX_KEY = "ghk_test_globex_0123456789abcdef";

	final MutableClock clock = new MutableClock(START);

	final ApiKeyProperties properties = new ApiKeyProperties();

	final MemoryApiKeyStore store = new MemoryApiKeyStore();

	final PartnerKeys keys = new PartnerKeys(this.store, new ApiKeyGenerator(new SecureRandom(), this.clock, "ghk_"),
			this.properties, this.clock, new KeyAudit());

	final ApiKeySeed seed = new ApiKeySeed(this.store, this.properties, this.clock, new KeyAudit(),
			new SimpleMeterRegistry());

	final ApiKeyAuthenticationManager authentication = new ApiKeyAuthenticationManager(this.store, this.seed,
			this.clock);

	final PartnerAdmin acmeAdmin = new PartnerAdmin("acme-admin", "acme");

	@BeforeEach
	void seed() {
		this.properties.setKeys(List.of(entry("acme-demo", "acme", ACME_KEY, Status.ACTIVE),
				entry("globex-demo", "globex", GLOBEX_KEY, Status.ACTIVE)));
		seedStore();
	}

	@Test
	void seedingAddsConfiguredKeysOnceAndKeepsWhatWasChangedSince() {
		this.keys.revoke(this.acmeAdmin, "acme-demo").block();
		seedStore();
		assertThat(this.store.findById("acme-demo").block().status()).isEqualTo(Status.REVOKED);
		assertThat(this.store.findByPartner("acme").collectList().block()).hasSize(1);
	}

	@Test
	void aRevokedEntryInTheConfigurationRevokesTheStoredKey() {
		this.properties.setKeys(List.of(entry("acme-demo", "acme", ACME_KEY, Status.REVOKED)));
		seedStore();
		assertRefused(ACME_KEY, Reason.REVOKED);
	}

	@Test
	void rotationIssuesANewKeyAndTheOldOneWorksUntilItsRetirement() {
		Instant retireAt = START.plus(Duration.ofHours(1));
		Rotation rotation = this.keys.rotate(this.acmeAdmin, null, retireAt).block();
		assertThat(rotation.key()).startsWith("ghk_live_acme_");
		assertThat(rotation.created().sha256()).isEqualTo(ApiKeyHashes.sha256(rotation.key()));
		assertThat(rotation.created().routes()).isEqualTo(List.of("/partner/v1/policies/**"));
		assertThat(rotation.created().plan()).isEqualTo("gold");
		assertThat(rotation.retiring()).extracting(ApiKey::id, ApiKey::retiresAt)
			.containsExactly(tuple("acme-demo", retireAt));
		assertAccepted(rotation.key());
		this.clock.set(retireAt.minusMillis(1));
		assertAccepted(ACME_KEY);
		this.clock.set(retireAt);
		assertRefused(ACME_KEY, Reason.RETIRED);
		assertAccepted(rotation.key());
	}

	@Test
	void aLaterRotationNeverPostponesAnEarlierRetirement() {
		Instant first = START.plus(Duration.ofHours(1));
		this.keys.rotate(this.acmeAdmin, null, first).block();
		Rotation later = this.keys.rotate(this.acmeAdmin, "acme-demo", START.plus(Duration.ofDays(2))).block();
		assertThat(later.retiring()).extracting(ApiKey::retiresAt).containsExactly(first);
		assertThat(this.store.findById("acme-demo").block().retiresAt()).isEqualTo(first);
	}

	@Test
	void revocationStopsTheKeyAtOnce() {
		assertAccepted(ACME_KEY);
		ApiKey revoked = this.keys.revoke(this.acmeAdmin, "acme-demo").block();
		assertThat(revoked.state(this.clock.instant())).isEqualTo("revoked");
		assertRefused(ACME_KEY, Reason.REVOKED);
	}

	@Test
	void anotherPartnersKeyIsOutOfReachWhateverTheCall() {
		assertProblem(() -> this.keys.revoke(this.acmeAdmin, "globex-demo").block(),
				GatewayProblem.API_KEY_OF_ANOTHER_PARTNER);
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, "globex-demo", START.plusSeconds(60)).block(),
				GatewayProblem.API_KEY_OF_ANOTHER_PARTNER);
		assertAccepted(GLOBEX_KEY);
		assertThat(this.keys.list(this.acmeAdmin).map(ApiKey::partner).collectList().block()).containsOnly("acme");
	}

	@Test
	void anUnknownKeyIdIs404() {
		assertProblem(() -> this.keys.revoke(this.acmeAdmin, "acme-nothing").block(), GatewayProblem.API_KEY_NOT_FOUND);
	}

	@Test
	void retirementInThePastOrBeyondTheMaximumOverlapIsRefused() {
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, null, START.minusSeconds(5)).block(),
				GatewayProblem.REQUEST_INVALID);
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, null, START.plus(Duration.ofDays(31))).block(),
				GatewayProblem.REQUEST_INVALID);
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, null, null).block(), GatewayProblem.REQUEST_INVALID);
		assertThat(this.store.findByPartner("acme").collectList().block()).hasSize(1);
	}

	@Test
	void rotationThatWouldExceedTheCurrentKeysAllowedIsRefused() {
		Rotation first = this.keys.rotate(this.acmeAdmin, "acme-demo", START.plusSeconds(3600)).block();
		Rotation second = this.keys.rotate(this.acmeAdmin, "acme-demo", START.plusSeconds(60)).block();
		assertThat(List.of(first.created().id(), second.created().id())).doesNotHaveDuplicates();
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, "acme-demo", START.plusSeconds(30)).block(),
				GatewayProblem.API_KEY_CONFLICT);
	}

	@Test
	void rotationsInARowStopAtTwiceTheCurrentKeysAllowedUntilRetiringKeysRetire() {
		for (int i = 1; i <= 3; i++) {
			this.keys.rotate(this.acmeAdmin, null, START.plusSeconds(60 * i)).block();
		}
		assertThat(this.keys.list(this.acmeAdmin).filter((key) -> key.isUsable(START)).count().block()).isEqualTo(4);
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, null, START.plusSeconds(600)).block(),
				GatewayProblem.API_KEY_CONFLICT);
		this.clock.set(START.plusSeconds(60));
		assertThat(this.keys.rotate(this.acmeAdmin, null, START.plusSeconds(600)).block()).isNotNull();
	}

	@Test
	void aRevokedKeyCannotBeRotated() {
		this.keys.revoke(this.acmeAdmin, "acme-demo").block();
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, "acme-demo", START.plusSeconds(60)).block(),
				GatewayProblem.API_KEY_CONFLICT);
		assertProblem(() -> this.keys.rotate(this.acmeAdmin, null, START.plusSeconds(60)).block(),
				GatewayProblem.API_KEY_CONFLICT);
	}

	@Test
	void onlyAPartnerAdministratorWithAPartnerIsAdmitted() {
		assertThat(PartnerAdmin.of(token(Map.of("partner", "acme"), "partner-admin")))
			.isEqualTo(new PartnerAdmin("acme-admin", "acme"));
		assertProblem(() -> PartnerAdmin.of(token(Map.of("partner", "acme"), "customer")),
				GatewayProblem.PARTNER_ADMIN_REQUIRED);
		assertProblem(() -> PartnerAdmin.of(token(Map.of(), "partner-admin")), GatewayProblem.PARTNER_ADMIN_REQUIRED);
	}

	private static Authentication token(Map<String, Object> claims, String role) {
		Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("preferred_username", "acme-admin");
		claims.forEach(jwt::claim);
		return new JwtAuthenticationToken(jwt.build(), AuthorityUtils.createAuthorityList(role), "acme-admin");
	}

	private void seedStore() {
		this.seed.seed().block();
	}

	private void assertAccepted(String key) {
		assertThat(this.authentication.authenticate(ApiKeyAuthentication.unauthenticated(key)).block())
			.isInstanceOf(ApiKeyAuthentication.class);
	}

	private void assertRefused(String key, Reason reason) {
		assertThatExceptionOfType(ApiKeyException.class)
			.isThrownBy(() -> this.authentication.authenticate(ApiKeyAuthentication.unauthenticated(key)).block())
			.satisfies((refused) -> assertThat(refused.reason()).isEqualTo(reason));
	}

	private static void assertProblem(Runnable call, GatewayProblem problem) {
		assertThatExceptionOfType(GatewayProblemException.class).isThrownBy(call::run)
			.satisfies((refused) -> assertThat(refused.getBody().getType().toString()).isEqualTo(problem.type()))
			.satisfies((refused) -> assertThat(refused.getStatusCode().value()).isEqualTo(problem.status().value()));
	}

	private static Entry entry(String id, String partner, String key, Status status) {
		return new Entry(id, partner, ApiKeyHashes.sha256(key), status, Instant.parse("2031-01-01T00:00:00Z"),
				List.of("/partner/v1/policies/**"), "gold");
	}

}
