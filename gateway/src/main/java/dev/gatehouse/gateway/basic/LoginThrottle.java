package dev.gatehouse.gateway.basic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.gateway.basic.BasicAuthProperties.Lockout;

/**
 * Counts failed Basic logins per user name and per client address and locks either for a while
 * once it has too many. In memory, per gateway instance; the rate-limit issue moves shared limits
 * to Redis.
 */
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final Lockout config;

	private final Clock clock;

	private final ConcurrentHashMap<String, State> tracked = new ConcurrentHashMap<>();

	public LoginThrottle(Lockout config, Clock clock) {
		this.config = config;
		this.clock = clock;
	}

	/** How much longer this user or this client is locked, whichever lock lasts longer; empty when neither is. */
	public Optional<Duration> lockedFor(String username, String client) {
		Instant now = this.clock.instant();
		return Stream.of(userKey(username), clientKey(client))
			.map(this.tracked::get)
			.filter((state) -> state != null && state.lockedUntil() != null && state.lockedUntil().isAfter(now))
			.map((state) -> Duration.between(now, state.lockedUntil()))
			.max(Duration::compareTo);
	}

	public void failed(String username, String client) {
		record(userKey(username), this.config.getMaxFailuresPerUser());
		record(clientKey(client), this.config.getMaxFailuresPerClient());
	}

	/** A correct password clears the user's failures; the address keeps its count. */
	public void succeeded(String username) {
		this.tracked.remove(userKey(username));
	}

	private void record(String key, int maxFailures) {
		if (this.tracked.size() >= this.config.getMaxTracked() && !this.tracked.containsKey(key)) {
			purgeExpired();
			if (this.tracked.size() >= this.config.getMaxTracked()) {
				log.warn("Login throttle is tracking {} names and addresses; not tracking more until some expire",
						this.tracked.size());
				return;
			}
		}
		Instant now = this.clock.instant();
		this.tracked.compute(key, (name, state) -> {
			State current = (state == null || state.expired(now, this.config.getWindow())) ? new State(0, now, null) : state;
			int failures = current.failures() + 1;
			if (failures >= maxFailures) {
				return new State(0, now, now.plus(this.config.getDuration()));
			}
			return new State(failures, current.windowStart(), current.lockedUntil());
		});
	}

	private void purgeExpired() {
		Instant now = this.clock.instant();
		this.tracked.entrySet().removeIf((entry) -> entry.getValue().expired(now, this.config.getWindow()));
	}

	private static String userKey(String username) {
		return "user:" + username.toLowerCase(Locale.ROOT);
	}

	private static String clientKey(String client) {
		return "client:" + client;
	}

	/** Failures since {@code windowStart}, and the end of a lock if one is set. */
	private record State(int failures, Instant windowStart, Instant lockedUntil) {

		boolean expired(Instant now, Duration window) {
			boolean locked = this.lockedUntil != null && this.lockedUntil.isAfter(now);
			return !locked && this.windowStart.plus(window).isBefore(now);
		}

	}

}
