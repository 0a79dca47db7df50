package dev.gatehouse.gateway.basic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.gatehouse.gateway.basic.BasicAuthProperties.Lockout;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	final MutableClock clock = new MutableClock();

	final Lockout config = new Lockout();

	MemoryLoginThrottle throttle() {
		this.config.setMaxFailuresPerUser(3);
		this.config.setMaxFailuresPerClient(5);
		this.config.setWindow(Duration.ofMinutes(15));
		this.config.setDuration(Duration.ofMinutes(5));
		return new MemoryLoginThrottle(this.config, this.clock);
	}

	@Test
	void userIsLockedAfterTheConfiguredFailuresForTheConfiguredTime() {
		MemoryLoginThrottle throttle = throttle();
		throttle.failed("ops", "192.0.2.1").block();
		throttle.failed("ops", "192.0.2.2").block();
		assertThat(throttle.lockedFor("ops", "192.0.2.3").blockOptional()).isEmpty();
		throttle.failed("ops", "192.0.2.3").block();
		assertThat(throttle.lockedFor("ops", "198.51.100.1").blockOptional()).hasValue(Duration.ofMinutes(5));
		assertThat(throttle.lockedFor("OPS", "198.51.100.1").blockOptional())
			.as("user names are compared case-insensitively")
			.isPresent();
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(throttle.lockedFor("ops", "198.51.100.1").blockOptional()).hasValue(Duration.ofMinutes(1));
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(throttle.lockedFor("ops", "198.51.100.1").blockOptional()).isEmpty();
	}

	@Test
	void clientIsLockedAfterFailuresAcrossUserNames() {
		MemoryLoginThrottle throttle = throttle();
		for (int i = 0; i < 5; i++) {
			throttle.failed("user" + i, "192.0.2.9").block();
		}
		assertThat(throttle.lockedFor("someone-else", "192.0.2.9").blockOptional()).isPresent();
		assertThat(throttle.lockedFor("someone-else", "192.0.2.10").blockOptional()).isEmpty();
	}

	@Test
	void successClearsTheUsersFailures() {
		MemoryLoginThrottle throttle = throttle();
		throttle.failed("ops", "192.0.2.1").block();
		throttle.failed("ops", "192.0.2.1").block();
		throttle.succeeded("ops").block();
		throttle.failed("ops", "192.0.2.1").block();
		assertThat(throttle.lockedFor("ops", "192.0.2.1").blockOptional()).isEmpty();
	}

	@Test
	void failuresOutsideTheWindowAreForgotten() {
		MemoryLoginThrottle throttle = throttle();
		throttle.failed("ops", "192.0.2.1").block();
		throttle.failed("ops", "192.0.2.1").block();
		this.clock.advance(Duration.ofMinutes(16));
		throttle.failed("ops", "192.0.2.1").block();
		assertThat(throttle.lockedFor("ops", "192.0.2.1").blockOptional()).isEmpty();
	}

	@Test
	void trackingIsBoundedSoFailuresCannotExhaustMemory() {
		MemoryLoginThrottle throttle = throttle();
		this.config.setMaxTracked(100);
		for (int i = 0; i < 500; i++) {
			throttle.failed("user" + i, "192.0.2." + (i % 200)).block();
		}
		assertThat(throttle).extracting("tracked").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.hasSizeLessThanOrEqualTo(100);
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
