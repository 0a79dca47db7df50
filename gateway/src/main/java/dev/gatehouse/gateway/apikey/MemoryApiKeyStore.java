package dev.gatehouse.gateway.apikey;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

/**
 * The keys in this instance's memory, for a gateway without Redis (the local run without
 * {@code redis-server}, most tests): changes made through the key API hold at this
 * instance only, and until it stops.
 */
class MemoryApiKeyStore implements ApiKeyStore {

	private final Map<String, ApiKey> byId = new HashMap<>();

	private final Map<String, String> idByHash = new HashMap<>();

	private volatile boolean seeded;

	@Override
	public Mono<ApiKey> findByHash(String sha256) {
		return Mono.fromSupplier(() -> {
			synchronized (this) {
				String id = this.idByHash.get(sha256);
				return (id != null) ? this.byId.get(id) : null;
			}
		});
	}

	@Override
	public Mono<ApiKey> findById(String id) {
		return Mono.fromSupplier(() -> {
			synchronized (this) {
				return this.byId.get(id);
			}
		});
	}

	@Override
	public Flux<ApiKey> findByPartner(String partner) {
		return Flux.defer(() -> {
			List<ApiKey> keys;
			synchronized (this) {
				keys = this.byId.values()
					.stream()
					.filter((key) -> key.partner().equals(partner))
					.sorted(Comparator.comparing(ApiKey::created).thenComparing(ApiKey::id))
					.toList();
			}
			return Flux.fromIterable(keys);
		});
	}

	@Override
	public Mono<Boolean> add(ApiKey key) {
		return Mono.fromSupplier(() -> {
			synchronized (this) {
				if (this.byId.containsKey(key.id()) || this.idByHash.containsKey(key.sha256())) {
					return false;
				}
				this.byId.put(key.id(), key);
				this.idByHash.put(key.sha256(), key.id());
				return true;
			}
		});
	}

	@Override
	public Mono<Boolean> retire(String id, Instant at) {
		return Mono.fromSupplier(() -> {
			synchronized (this) {
				ApiKey key = this.byId.get(id);
				if (key == null) {
					return false;
				}
				if (key.retiresAt() == null || at.isBefore(key.retiresAt())) {
					this.byId.put(id, new ApiKey(key.id(), key.partner(), key.sha256(), key.status(), key.created(),
							key.notAfter(), at, key.routes(), key.plan()));
				}
				return true;
			}
		});
	}

	@Override
	public Mono<Boolean> revoke(String id) {
		return Mono.fromSupplier(() -> {
			synchronized (this) {
				ApiKey key = this.byId.get(id);
				if (key == null) {
					return false;
				}
				this.byId.put(id, new ApiKey(key.id(), key.partner(), key.sha256(), Status.REVOKED, key.created(),
						key.notAfter(), key.retiresAt(), key.routes(), key.plan()));
				return true;
			}
		});
	}

	@Override
	public Mono<Boolean> isSeeded() {
		return Mono.fromSupplier(() -> this.seeded);
	}

	@Override
	public Mono<Void> markSeeded() {
		return Mono.fromRunnable(() -> this.seeded = true);
	}

}
