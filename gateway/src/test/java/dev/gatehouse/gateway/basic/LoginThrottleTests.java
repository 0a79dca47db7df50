package dev.gatehouse.gateway.basic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.gatehouse.gateway.basic.BasicAuthProperties.Lockout;
import dev.gatehouse.gateway.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	final Lockout config = new Lockout();

	MemoryLoginThrottle throttle() {
		this.config.setMaxFailuresPerUser(3);
		this.config.setMaxFailuresPerClient(5);
		this.config.setWindow(Duration.ofMinutes(15));
		this.config.setDuration(Duration.ofMinutes(5));
		return new MemoryLoginThrottle(this.config, this.clock);
	}

	/** The lock's remaining time, or null when the attempt was reserved. */
	static Duration attempt(LoginThrottle throttle, String username, String client) {
		try {
			throttle.reserve(username, client).block();
			return null;
		}
		catch (LoginLockedException locked) {
			return locked.retryAfter();
		}
	}

	@Test
	void userIsLockedByTheAttemptThatReachesTheLimitForTheConfiguredTime() {
		MemoryLoginThrottle throttle = throttle();
		assertThat(attempt(throttle, "ops", "192.0.2.1")).isNull();
		assertThat(attempt(throttle, "ops", "192.0.2.2")).isNull();
		assertThat(attempt(throttle, "ops", "192.0.2.3")).as("the third attempt is still checked").isNull();
		assertThat(attempt(throttle, "ops", "198.51.100.1")).isEqualTo(Duration.ofMinutes(5));
		assertThat(attempt(throttle, "OPS", "198.51.100.1")).as("user names are compared case-insensitively")
			.isNotNull();
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(attempt(throttle, "ops", "198.51.100.1")).isEqualTo(Duration.ofMinutes(1));
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(attempt(throttle, "ops", "198.51.100.1")).isNull();
	}

	@Test
	void clientIsLockedAfterAttemptsAcrossUserNamesAndTheUserGetsItsAttemptBack() {
		MemoryLoginThrottle throttle = throttle();
		for (int i = 0; i < 5; i++) {
			assertThat(attempt(throttle, "user" + i, "192.0.2.9")).isNull();
		}
		for (int i = 0; i < 5; i++) {
			assertThat(attempt(throttle, "someone-else", "192.0.2.9")).isNotNull();
		}
		assertThat(attempt(throttle, "someone-else", "192.0.2.10")).isNull();
		assertThat(attempt(throttle, "someone-else", "192.0.2.10")).as("refusals by address did not count for the user")
			.isNull();
	}

	@Test
	void successClearsTheUsersFailuresAndGivesTheAddressItsAttemptBack() {
		MemoryLoginThrottle throttle = throttle();
		attempt(throttle, "ops", "192.0.2.1");
		attempt(throttle, "ops", "192.0.2.1");
		attempt(throttle, "ops", "192.0.2.1");
		throttle.succeeded("ops", "192.0.2.1").block();
		assertThat(attempt(throttle, "ops", "192.0.2.1")).as("the user starts again").isNull();
		assertThat(attempt(throttle, "ops", "192.0.2.1")).isNull();
		assertThat(attempt(throttle, "other", "192.0.2.1")).as("the address's fifth attempt, one given back").isNull();
		assertThat(attempt(throttle, "other2", "192.0.2.1")).isNotNull();
	}

	@Test
	void attemptsOutsideTheWindowAreForgotten() {
		MemoryLoginThrottle throttle = throttle();
		attempt(throttle, "ops", "192.0.2.1");
		attempt(throttle, "ops", "192.0.2.1");
		this.clock.advance(Duration.ofMinutes(16));
		attempt(throttle, "ops", "192.0.2.1");
		assertThat(attempt(throttle, "ops", "192.0.2.1")).isNull();
	}

	@Test
	void parallelAttemptsAreReservedAtMostTheLimitTimes() throws Exception {
		MemoryLoginThrottle throttle = throttle();
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Duration>> attempts = java.util.stream.IntStream.range(0, 64)
				.mapToObj((i) -> threads.submit(() -> {
					start.await();
					return attempt(throttle, "ops", "192.0.2." + i);
				}))
				.toList();
			start.countDown();
			long reserved = 0;
			for (Future<Duration> attempt : attempts) {
				reserved += (attempt.get(10, TimeUnit.SECONDS) == null) ? 1 : 0;
			}
			assertThat(reserved).isEqualTo(3);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aFullTableStillLocksAUserUnderAttackAndStaysBounded() {
		MemoryLoginThrottle throttle = throttle();
		this.config.setMaxTracked(100);
		throttle = new MemoryLoginThrottle(this.config, this.clock);
		for (int i = 0; i < 500; i++) {
			attempt(throttle, "sprayed" + i, "192.0.2." + (i % 200));
		}
		for (int i = 0; i < 3; i++) {
			assertThat(attempt(throttle, "ops", "198.51.100." + i)).isNull();
			for (int j = 0; j < 20; j++) {
				attempt(throttle, "flood" + i + "-" + j, "203.0.113." + j);
			}
		}
		assertThat(attempt(throttle, "ops", "198.51.100.9")).as("the fourth attempt on ops").isNotNull();
		assertThat(throttle.tracked()).isLessThanOrEqualTo(100);
	}

}
