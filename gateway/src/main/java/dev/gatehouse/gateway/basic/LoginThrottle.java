package dev.gatehouse.gateway.basic;

import java.util.Locale;

import reactor.core.publisher.Mono;

/**
 * Limits password checks per user name and per client address
 * ({@code gatehouse.gateway.basic.lockout}). Every attempt is reserved before its
 * password is checked, in one atomic step per name and per address, and counts as a
 * failure unless it is given back: so however many guesses arrive at once, at most
 * {@code max-failures-per-user} of them reach the password check before the lock. Kept in
 * the rate-limit store ({@code gatehouse.gateway.rate-limits.store}):
 * {@link MemoryLoginThrottle} per instance, or Redis, shared by all replicas. Reactive,
 * because Redis answers asynchronously.
 */
interface LoginThrottle {

	/**
	 * Reserves one attempt for this user and this client. Fails with
	 * {@link LoginLockedException} when either is locked (nothing is reserved then), or
	 * with {@link LoginThrottleUnavailableException} when the store cannot answer.
	 */
	Mono<Void> reserve(String username, String client);

	/**
	 * The password was right: the user's failures are cleared, the address gets its
	 * attempt back.
	 */
	Mono<Void> succeeded(String username, String client);

	static String userKey(String username) {
		return "user:" + username.toLowerCase(Locale.ROOT);
	}

	static String clientKey(String client) {
		return "client:" + client;
	}

}
