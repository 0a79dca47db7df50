package dev.gatehouse.gateway.apikey;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the partners' keys live: in Redis, read by every gateway replica, when the
 * rate-limit store is Redis; otherwise in this instance's memory. Each request reads the
 * store, so a revocation or retirement holds at once on every replica that shares it.
 */
interface ApiKeyStore {

	Mono<ApiKey> findByHash(String sha256);

	Mono<ApiKey> findById(String id);

	Flux<ApiKey> findByPartner(String partner);

	/**
	 * @return true when added, false when a key with its id or hash is already stored
	 * (which is left as it is)
	 */
	Mono<Boolean> add(ApiKey key);

	/**
	 * Sets the key's retirement to {@code at}, unless it already retires earlier.
	 * @return false when there is no such key
	 */
	Mono<Boolean> retire(String id, Instant at);

	/**
	 * @return false when there is no such key
	 */
	Mono<Boolean> revoke(String id);

	/**
	 * Whether the configured keys were put into this store: false again once Redis has
	 * lost its data (a restart without persistence).
	 */
	Mono<Boolean> isSeeded();

	Mono<Void> markSeeded();

}
