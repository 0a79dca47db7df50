package dev.gatehouse.gateway.basic;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import dev.gatehouse.gateway.basic.BasicAuthProperties.Lockout;
import dev.gatehouse.gateway.ratelimit.AttemptCounters;

/**
 * {@link LoginThrottle} in memory, per gateway instance (rate-limit store
 * {@code memory}): each replica counts only the attempts it sees, in one bounded table of
 * user names and addresses ({@link AttemptCounters}, {@code max-tracked}).
 */
class MemoryLoginThrottle implements LoginThrottle {

	private final Lockout config;

	private final AttemptCounters attempts;

	MemoryLoginThrottle(Lockout config, Clock clock) {
		this.config = config;
		this.attempts = new AttemptCounters(config.getMaxTracked(), config.getWindow(), config.getDuration(), clock);
	}

	@Override
	public Mono<Void> reserve(String username, String client) {
		return Mono.defer(() -> {
			String user = LoginThrottle.userKey(username);
			Duration locked = this.attempts.count(user, this.config.getMaxFailuresPerUser());
			if (locked == null) {
				locked = this.attempts.count(LoginThrottle.clientKey(client), this.config.getMaxFailuresPerClient());
				if (locked != null) {
					this.attempts.giveBack(user);
				}
			}
			return (locked != null) ? Mono.error(new LoginLockedException(locked)) : Mono.empty();
		});
	}

	@Override
	public Mono<Void> succeeded(String username, String client) {
		return Mono.fromRunnable(() -> {
			this.attempts.clear(LoginThrottle.userKey(username));
			this.attempts.giveBack(LoginThrottle.clientKey(client));
		});
	}

	/** Entries in the table (tests). */
	int tracked() {
		return this.attempts.size();
	}

}
