package dev.gatehouse.gateway.basic;

import java.time.Duration;
import java.util.Locale;

import reactor.core.publisher.Mono;

/**
 * Counts failed Basic logins per user name and per client address and locks either for a while
 * once it has too many ({@code gatehouse.gateway.basic.lockout}). Kept in the rate-limit store
 * ({@code gatehouse.gateway.rate-limits.store}): {@link MemoryLoginThrottle} per instance, or Redis,
 * shared by all replicas. Reactive, because Redis answers asynchronously.
 */
public interface LoginThrottle {

	/** How much longer this user or this client is locked, whichever lock lasts longer; empty when neither is. */
	Mono<Duration> lockedFor(String username, String client);

	Mono<Void> failed(String username, String client);

	/** A correct password clears the user's failures; the address keeps its count. */
	Mono<Void> succeeded(String username);

	static String userKey(String username) {
		return "user:" + username.toLowerCase(Locale.ROOT);
	}

	static String clientKey(String client) {
		return "client:" + client;
	}

}
