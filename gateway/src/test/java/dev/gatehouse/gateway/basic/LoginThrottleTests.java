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

	LoginThrottle throttle() {
		this.config.setMaxFailuresPerUser(3);
		this.config.setMaxFailuresPerClient(5);
		this.config.setWindow(Duration.ofMinutes(15));
		this.config.setDuration(Duration.ofMinutes(5));
		return new LoginThrottle(this.config, this.clock);
	}

	@Test
	void userIsLockedAfterTheConfiguredFailuresForTheConfiguredTime() {
		LoginThrottle throttle = throttle();
		throttle.failed("ops", "192.0.2.1");
		throttle.failed("ops", "192.0.2.2");
		assertThat(throttle.lockedFor("ops", "192.0.2.3")).isEmpty();
		throttle.failed("ops", "192.0.2.3");
		assertThat(throttle.lockedFor("ops", "198.51.100.1")).hasValue(Duration.ofMinutes(5));
		assertThat(throttle.lockedFor("OPS", "198.51.100.1")).as("user names are compared case-insensitively").isPresent();
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(throttle.lockedFor("ops", "198.51.100.1")).hasValue(Duration.ofMinutes(1));
		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(throttle.lockedFor("ops", "198.51.100.1")).isEmpty();
	}

	@Test
	void clientIsLockedAfterFailuresAcrossUserNames() {
		LoginThrottle throttle = throttle();
		for (int i = 0; i < 5; i++) {
			throttle.failed("user" + i, "192.0.2.9");
		}
		assertThat(throttle.lockedFor("someone-else", "192.0.2.9")).isPresent();
		assertThat(throttle.lockedFor("someone-else", "192.0.2.10")).isEmpty();
	}

	@Test
	void successClearsTheUsersFailures() {
		LoginThrottle throttle = throttle();
		throttle.failed("ops", "192.0.2.1");
		throttle.failed("ops", "192.0.2.1");
		throttle.succeeded("ops");
		throttle.failed("ops", "192.0.2.1");
		assertThat(throttle.lockedFor("ops", "192.0.2.1")).isEmpty();
	}

	@Test
	void failuresOutsideTheWindowAreForgotten() {
		LoginThrottle throttle = throttle();
		throttle.failed("ops", "192.0.2.1");
		throttle.failed("ops", "192.0.2.1");
		this.clock.advance(Duration.ofMinutes(16));
		throttle.failed("ops", "192.0.2.1");
		assertThat(throttle.lockedFor("ops", "192.0.2.1")).isEmpty();
	}

	@Test
	void trackingIsBoundedSoFailuresCannotExhaustMemory() {
		LoginThrottle throttle = throttle();
		this.config.setMaxTracked(100);
		for (int i = 0; i < 500; i++) {
			throttle.failed("user" + i, "192.0.2." + (i % 200));
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
