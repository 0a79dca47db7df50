package dev.gatehouse.gateway.basic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.gatehouse.gateway.basic.BasicAuthProperties.Lockout;

/**
 * {@link LoginThrottle} in memory, per gateway instance (rate-limit store {@code memory}): each
 * replica counts only the failures it sees.
 */
public class MemoryLoginThrottle implements LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(MemoryLoginThrottle.class);

	private final Lockout config;

	private final Clock clock;

	private final ConcurrentHashMap<String, State> tracked = new ConcurrentHashMap<>();

	public MemoryLoginThrottle(Lockout config, Clock clock) {
		this.config = config;
		this.clock = clock;
	}

	@Override
	public Mono<Duration> lockedFor(String username, String client) {
		return Mono.fromSupplier(() -> lockedUntil(username, client).orElse(null));
	}

	private Optional<Duration> lockedUntil(String username, String client) {
		Instant now = this.clock.instant();
		return Stream.of(LoginThrottle.userKey(username), LoginThrottle.clientKey(client))
			.map(this.tracked::get)
			.filter((state) -> state != null && state.lockedUntil() != null && state.lockedUntil().isAfter(now))
			.map((state) -> Duration.between(now, state.lockedUntil()))
			.max(Duration::compareTo);
	}

	@Override
	public Mono<Void> failed(String username, String client) {
		return Mono.fromRunnable(() -> {
			record(LoginThrottle.userKey(username), this.config.getMaxFailuresPerUser());
			record(LoginThrottle.clientKey(client), this.config.getMaxFailuresPerClient());
		});
	}

	@Override
	public Mono<Void> succeeded(String username) {
		return Mono.fromRunnable(() -> this.tracked.remove(LoginThrottle.userKey(username)));
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

	/** Failures since {@code windowStart}, and the end of a lock if one is set. */
	private record State(int failures, Instant windowStart, Instant lockedUntil) {

		boolean expired(Instant now, Duration window) {
			boolean locked = this.lockedUntil != null && this.lockedUntil.isAfter(now);
			return !locked && this.windowStart.plus(window).isBefore(now);
		}

	}

}
