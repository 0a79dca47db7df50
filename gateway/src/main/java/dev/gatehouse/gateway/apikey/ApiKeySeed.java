package dev.gatehouse.gateway.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

/**
 * Puts the configured keys ({@code gatehouse.gateway.api-keys.keys}) into the store
 * before the gateway takes requests: each one the store does not hold yet, so a restart,
 * or a second replica, changes nothing a partner administrator did. A {@code revoked}
 * entry revokes its stored key too: the configuration can always take a key away. While
 * Redis does not answer, the gateway starts anyway and seeds once it does; should Redis
 * lose its data, the next unknown key seeds again ({@link #restoreIfLost()}).
 * <p>
 * A store that comes back empty (a Redis volume lost or replaced) is seeded again rather
 * than left empty, which would refuse every partner: the configuration is the declared
 * truth. What was done through the key API since is gone with the data, a seed key
 * revoked only there included, which then works again; so this is never silent: a
 * warning, an audit event and the counter {@code gatehouse.api-keys.store.seeded} (tag
 * {@code reason}: {@code empty-at-start}, {@code lost}) tell the operator, who keeps a
 * revocation for good by setting the entry's {@code status: revoked} (gateway/README.md).
 * Redis persistence (AOF on a volume) keeps this from happening on a restart.
 */
class ApiKeySeed implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ApiKeySeed.class);

	private static final Duration FIRST_ATTEMPT = Duration.ofSeconds(10);

	/**
	 * Keys stored at once: each is a round trip to Redis, and a configuration of
	 * thousands of keys stored one after another outlasts the gateway's start (100,000
	 * took longer than a minute in the benchmark's sweep).
	 */
	private static final int CONCURRENCY = 64;

	/**
	 * A key's write that outlasts the store's timeout is tried again alone: failing the
	 * whole seeding for it started every key again, and with 100,000 keys some write
	 * among them always answered late, so the seeding never ended and partners' keys got
	 * 503 (benchmark sweep, docs/performance.md). Adding a key is idempotent. A store
	 * that does not answer at all still fails the seeding after these attempts.
	 */
	private static final Retry ONE_SLOW_ANSWER = Retry.backoff(3, Duration.ofMillis(50))
		.filter(TimeoutException.class::isInstance)
		.onRetryExhaustedThrow((spec, signal) -> signal.failure());

	/**
	 * The seeding under way, shared: every request with an unknown key asks whether the
	 * store lost its keys, and while it is empty each of them would otherwise start a
	 * seeding of its own (a flood of made-up keys, a flood of seedings).
	 */
	private final AtomicReference<Mono<Void>> running = new AtomicReference<>();

	private final ApiKeyStore store;

	private final ApiKeyProperties properties;

	private final Clock clock;

	private final KeyAudit audit;

	private final MeterRegistry meters;

	ApiKeySeed(ApiKeyStore store, ApiKeyProperties properties, Clock clock, KeyAudit audit, MeterRegistry meters) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.audit = audit;
		this.meters = meters;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			start().block(FIRST_ATTEMPT);
		}
		catch (RuntimeException ex) {
			log.warn("The API keys of the configuration could not be stored ({}); retrying in the background",
					ex.getClass().getSimpleName());
			start().retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
				.subscribe();
		}
	}

	/**
	 * The first seeding of this instance. An empty store here is a first start, or a
	 * store that lost its data while no gateway ran: told apart from a full one only.
	 */
	Mono<Void> start() {
		return shared(() -> this.store.isSeeded().flatMap((seeded) -> {
			if (!seeded) {
				this.meters.counter("gatehouse.api-keys.store.seeded", "reason", "empty-at-start").increment();
				log.info("The API key store holds no keys: storing the {} configured key(s). A first start does this;"
						+ " if the store held keys before (a lost Redis volume), keys created, rotated or revoked"
						+ " through the key API are gone", this.properties.getKeys().size());
			}
			return seed();
		}));
	}

	Mono<Void> seed() {
		return Flux.fromIterable(this.properties.getKeys())
			.flatMap(this::seed, CONCURRENCY)
			.then(Mono.defer(this.store::markSeeded));
	}

	/**
	 * Seeds again when the store has lost its keys while this gateway ran (Redis
	 * restarted without its data), so the configured keys work again without restarting
	 * every gateway. Keys issued, rotated or revoked through the key API since are lost
	 * with Redis's data; hence the warning, audit event and counter.
	 */
	Mono<Void> restoreIfLost() {
		return this.store.isSeeded().flatMap((seeded) -> seeded ? Mono.empty() : shared(this::reseed));
	}

	private Mono<Void> reseed() {
		return Mono.defer(() -> {
			this.meters.counter("gatehouse.api-keys.store.seeded", "reason", "lost").increment();
			log.warn("The API key store lost its keys (Redis came back empty): seeding the {} configured key(s)"
					+ " again. Keys created, rotated or revoked through the key API since are gone, and a"
					+ " configured key revoked only through the API works again: set its status to revoked in"
					+ " the configuration to keep it revoked", this.properties.getKeys().size());
			this.audit.storeLost(this.properties.getKeys().size());
			return seed();
		});
	}

	/**
	 * Joins the seeding under way, or starts the given one and lets later callers join it
	 * until it ends (then the next one starts afresh, so a failed attempt can be
	 * retried).
	 */
	private Mono<Void> shared(Supplier<Mono<Void>> seeding) {
		return Mono.defer(() -> {
			Mono<Void> current = this.running.get();
			if (current != null) {
				return current;
			}
			Mono<Void> next = seeding.get().doFinally((signal) -> this.running.set(null)).cache();
			return this.running.compareAndSet(null, next) ? next : Mono.defer(this::joinRunning);
		});
	}

	private Mono<Void> joinRunning() {
		Mono<Void> current = this.running.get();
		return (current != null) ? current : Mono.empty();
	}

	private Mono<Void> seed(Entry entry) {
		Instant now = this.clock.instant();
		ApiKey key = ApiKey.seed(entry, now);
		Mono<Boolean> added = this.store.add(key).retryWhen(ONE_SLOW_ANSWER).doOnNext((isNew) -> {
			if (isNew) {
				this.audit.seeded(key);
			}
		});
		return (entry.status() == Status.REVOKED)
				? added.then(this.store.revoke(entry.id()).retryWhen(ONE_SLOW_ANSWER)).then() : added.then();
	}

}
