package dev.gatehouse.gateway.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
 */
class ApiKeySeed implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ApiKeySeed.class);

	private static final Duration FIRST_ATTEMPT = Duration.ofSeconds(10);

	private final ApiKeyStore store;

	private final ApiKeyProperties properties;

	private final Clock clock;

	private final KeyAudit audit;

	ApiKeySeed(ApiKeyStore store, ApiKeyProperties properties, Clock clock, KeyAudit audit) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.audit = audit;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			seed().block(FIRST_ATTEMPT);
		}
		catch (RuntimeException ex) {
			log.warn("The API keys of the configuration could not be stored ({}); retrying in the background",
					ex.getClass().getSimpleName());
			seed().retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
				.subscribe();
		}
	}

	Mono<Void> seed() {
		return Flux.fromIterable(this.properties.getKeys())
			.concatMap(this::seed)
			.then(Mono.defer(this.store::markSeeded));
	}

	/**
	 * Seeds again when the store has lost its keys (Redis restarted without persistence),
	 * so the configured keys work again without restarting every gateway. Keys issued or
	 * revoked through the key API since are lost with Redis's data: a store that must
	 * keep them needs Redis persistence.
	 */
	Mono<Void> restoreIfLost() {
		return this.store.isSeeded().flatMap((seeded) -> {
			if (seeded) {
				return Mono.empty();
			}
			log.warn("The API key store holds no keys (Redis lost its data?): seeding the configured keys again;"
					+ " keys issued or revoked through the key API since are lost");
			return seed();
		});
	}

	private Mono<Void> seed(Entry entry) {
		Instant now = this.clock.instant();
		ApiKey key = ApiKey.seed(entry, now);
		Mono<Boolean> added = this.store.add(key).doOnNext((isNew) -> {
			if (isNew) {
				this.audit.seeded(key);
			}
		});
		return (entry.status() == Status.REVOKED) ? added.then(this.store.revoke(entry.id())).then() : added.then();
	}

}
