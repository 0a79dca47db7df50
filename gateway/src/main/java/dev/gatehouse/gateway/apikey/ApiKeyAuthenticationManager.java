package dev.gatehouse.gateway.apikey;

import java.time.Clock;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;

import dev.gatehouse.gateway.apikey.ApiKeyException.Reason;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

/**
 * Unknown, revoked, expired and retired keys are told apart, so a partner knows whether
 * to fix, rotate or renew. The store is read on every request: a revocation holds at
 * once. A store that does not answer refuses the key (503), never accepts it unchecked.
 */
class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

	private final ApiKeyStore store;

	private final ApiKeySeed seed;

	private final Clock clock;

	ApiKeyAuthenticationManager(ApiKeyStore store, ApiKeySeed seed, Clock clock) {
		this.store = store;
		this.seed = seed;
		this.clock = clock;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String presented = (String) authentication.getCredentials();
		String sha256 = ApiKeyHashes.sha256(presented);
		// Unknown: perhaps because Redis lost the keys; then seeded again and looked up
		// once more.
		return this.store.findByHash(sha256)
			.switchIfEmpty(Mono.defer(() -> this.seed.restoreIfLost().then(this.store.findByHash(sha256))))
			.onErrorMap((ex) -> new ApiKeyException(Reason.UNAVAILABLE, null, null))
			.switchIfEmpty(Mono.error(() -> new ApiKeyException(Reason.UNKNOWN, null, null)))
			.flatMap(this::check);
	}

	private Mono<Authentication> check(ApiKey key) {
		Instant now = this.clock.instant();
		if (key.status() == Status.REVOKED) {
			return Mono.error(new ApiKeyException(Reason.REVOKED, key.id(), null));
		}
		if (!now.isBefore(key.notAfter())) {
			return Mono.error(new ApiKeyException(Reason.EXPIRED, key.id(), key.notAfter()));
		}
		if (key.retiresAt() != null && !now.isBefore(key.retiresAt())) {
			return Mono.error(new ApiKeyException(Reason.RETIRED, key.id(), key.retiresAt()));
		}
		return Mono.just(ApiKeyAuthentication.authenticated(key));
	}

}
