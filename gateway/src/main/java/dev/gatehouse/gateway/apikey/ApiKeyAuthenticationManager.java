package dev.gatehouse.gateway.apikey;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;

import dev.gatehouse.gateway.apikey.ApiKeyException.Reason;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

/**
 * Unknown, revoked and expired keys are told apart, so a partner knows whether to fix,
 * rotate or renew.
 */
class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

	private final ApiKeyStore store;

	private final Clock clock;

	ApiKeyAuthenticationManager(ApiKeyStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String presented = (String) authentication.getCredentials();
		Entry key = this.store.find(presented).orElse(null);
		if (key == null) {
			return Mono.error(new ApiKeyException(Reason.UNKNOWN, null, null));
		}
		if (key.status() == Status.REVOKED) {
			return Mono.error(new ApiKeyException(Reason.REVOKED, key.id(), null));
		}
		if (!this.clock.instant().isBefore(key.expiresAt())) {
			return Mono.error(new ApiKeyException(Reason.EXPIRED, key.id(), key.expiresAt()));
		}
		return Mono.just(ApiKeyAuthentication.authenticated(key));
	}

}
