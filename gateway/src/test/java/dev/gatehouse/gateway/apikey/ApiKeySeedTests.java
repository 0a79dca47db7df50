package dev.gatehouse.gateway.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Seeding the store from the configuration: a store that lost its keys is seeded once,
 * however many requests with unknown keys arrive meanwhile, and a large configuration is
 * stored several keys at a time rather than one round trip after another.
 */
class ApiKeySeedTests {

	final SlowStore store = new SlowStore();

	final ApiKeyProperties properties = new ApiKeyProperties();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final ApiKeySeed seed = new ApiKeySeed(this.store, this.properties, Clock.systemUTC(), new KeyAudit(), this.meters);

	@Test
	void manyUnknownKeysAtOnceOnAnEmptyStoreSeedItOnce() {
		this.properties.setKeys(entries(20));
		Flux.range(0, 50).flatMap((request) -> this.seed.restoreIfLost(), 50).blockLast(Duration.ofSeconds(30));
		assertThat(this.meters.counter("gatehouse.api-keys.store.seeded", "reason", "lost").count()).isEqualTo(1);
		assertThat(this.store.adds.get()).isEqualTo(20);
		assertThat(this.store.isSeeded().block()).isTrue();
	}

	@Test
	void aSeededStoreIsNotSeededAgain() {
		this.properties.setKeys(entries(3));
		this.seed.start().block(Duration.ofSeconds(30));
		this.seed.restoreIfLost().block(Duration.ofSeconds(30));
		assertThat(this.meters.counter("gatehouse.api-keys.store.seeded", "reason", "lost").count()).isZero();
		assertThat(this.store.adds.get()).isEqualTo(3);
	}

	@Test
	void aLargeConfigurationIsStoredSeveralKeysAtATime() {
		this.properties.setKeys(entries(200));
		this.seed.seed().block(Duration.ofSeconds(30));
		assertThat(this.store.findByPartner("partner-199").collectList().block()).hasSize(1);
		assertThat(this.store.mostAtOnce.get()).isGreaterThan(1);
	}

	@Test
	void aWriteThatAnswersLateIsTriedAgainAloneAndTheSeedingEnds() {
		this.properties.setKeys(entries(200));
		this.store.lateAnswers.set(5);
		this.seed.start().block(Duration.ofSeconds(30));
		assertThat(this.store.isSeeded().block()).isTrue();
		assertThat(IntStream.range(0, 200)
			.mapToObj((i) -> this.store.findByHash(ApiKeyHashes.sha256("ghk_test_" + i)).block())
			.filter((key) -> key != null)).hasSize(200);
		assertThat(this.store.adds.get()).isEqualTo(200 + 5);
		assertThat(this.meters.counter("gatehouse.api-keys.store.seeded", "reason", "empty-at-start").count())
			.isEqualTo(1);
	}

	@Test
	void aStoreThatNeverAnswersStillFailsTheSeeding() {
		this.properties.setKeys(entries(3));
		this.store.lateAnswers.set(Integer.MAX_VALUE);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.seed.seed().block(Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(Exceptions.unwrap(ex)).isInstanceOf(TimeoutException.class));
		assertThat(this.store.isSeeded().block()).isFalse();
	}

	private static List<Entry> entries(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> new Entry("key-" + i, "partner-" + i, ApiKeyHashes.sha256("ghk_test_" + i), Status.ACTIVE,
					Instant.parse("2031-01-01T00:00:00Z"), List.of("/partner/v1/policies/**"), "gold"))
			.toList();
	}

	/** An in-memory store whose writes take a while, as a round trip to Redis does. */
	static final class SlowStore extends MemoryApiKeyStore {

		final AtomicInteger adds = new AtomicInteger();

		final AtomicInteger atOnce = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		/**
		 * Writes still to answer too late for the store's timeout (stored all the same).
		 */
		final AtomicInteger lateAnswers = new AtomicInteger();

		@Override
		public Mono<Boolean> add(ApiKey key) {
			// Decided per subscription, as a Redis command is sent again on each.
			return Mono.defer(() -> (this.lateAnswers.getAndDecrement() > 0) ? lateAdd(key) : slowAdd(key));
		}

		private Mono<Boolean> lateAdd(ApiKey key) {
			return super.add(key).doOnNext((added) -> this.adds.incrementAndGet())
				.then(Mono.error(new TimeoutException("no answer within the store's timeout")));
		}

		private Mono<Boolean> slowAdd(ApiKey key) {
			return Mono.delay(Duration.ofMillis(5))
				.doOnSubscribe(
						(subscription) -> this.mostAtOnce.accumulateAndGet(this.atOnce.incrementAndGet(), Math::max))
				.then(super.add(key))
				.doOnNext((added) -> this.adds.incrementAndGet())
				.doFinally((signal) -> this.atOnce.decrementAndGet());
		}

	}

}
