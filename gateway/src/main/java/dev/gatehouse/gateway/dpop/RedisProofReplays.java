package dev.gatehouse.gateway.dpop;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * {@link ProofReplays} in Redis (rate-limit store {@code redis}), so a proof used at one
 * replica is refused at every other: {@code SET key 1 NX PX window}, one atomic step.
 * Fail-closed, like the Basic login throttle: when Redis does not answer within
 * {@code redis-timeout}, the request is refused (503) and counted in
 * {@code gatehouse.ratelimit.fallbacks{route=dpop-replay}}.
 */
class RedisProofReplays implements ProofReplays {

	private final ReactiveStringRedisTemplate redis;

	private final Duration window;

	private final Duration timeout;

	private final MeterRegistry meters;

	RedisProofReplays(ReactiveStringRedisTemplate redis, Duration window, Duration timeout, MeterRegistry meters) {
		this.redis = redis;
		this.window = window;
		this.timeout = timeout;
		this.meters = meters;
	}

	@Override
	public Mono<Boolean> firstUse(String key) {
		return this.redis.opsForValue()
			.setIfAbsent("gatehouse:dpop:proof:" + key, "1", this.window)
			.timeout(this.timeout)
			.onErrorMap((ex) -> {
				this.meters.counter("gatehouse.ratelimit.fallbacks", "route", "dpop-replay", "decision", "refused")
					.increment();
				return new ReplayCheckUnavailableException("Redis did not answer the DPoP replay check", ex);
			});
	}

}
