package dev.gatehouse.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.gatehouse.gateway.basic.BasicAuthProperties.Lockout;
import dev.gatehouse.gateway.basic.LoginThrottle;
import dev.gatehouse.gateway.basic.LoginThrottleUnavailableException;

/**
 * {@link LoginThrottle} in Redis (store {@code redis}), so failures spread over replicas add up.
 * Per user and per client address: a failure counter that expires with the lockout window and,
 * once it reaches the threshold, a lock key that expires with the lock. Fail-closed: when Redis
 * does not answer within {@code redis-timeout}, the login is refused (503) and counted in
 * {@code gatehouse.ratelimit.fallbacks}; each login asks Redis again, so logins work as soon as it
 * is back.
 */
class RedisLoginThrottle implements LoginThrottle {

	// Counting, expiry and locking in one step, so replicas never see a half-recorded failure.
	private static final RedisScript<Long> FAILED_SCRIPT = RedisScript.of("""
			local failures = redis.call('INCR', KEYS[1])
			if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			if failures >= tonumber(ARGV[2]) then
				redis.call('DEL', KEYS[1])
				redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
			end
			return failures""", Long.class);

	private final Lockout config;

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	private final RateLimitStoreHealth health;

	private final MeterRegistry meters;

	RedisLoginThrottle(Lockout config, ReactiveStringRedisTemplate redis, Duration timeout,
			RateLimitStoreHealth health, MeterRegistry meters) {
		this.config = config;
		this.redis = redis;
		this.timeout = timeout;
		this.health = health;
		this.meters = meters;
	}

	@Override
	public Mono<Duration> lockedFor(String username, String client) {
		return guarded(Flux
			.merge(this.redis.getExpire(lockKey(LoginThrottle.userKey(username))),
					this.redis.getExpire(lockKey(LoginThrottle.clientKey(client))))
			.filter((remaining) -> !remaining.isNegative() && !remaining.isZero())
			.reduce((a, b) -> (a.compareTo(b) >= 0) ? a : b));
	}

	@Override
	public Mono<Void> failed(String username, String client) {
		return guarded(Flux
			.merge(record(LoginThrottle.userKey(username), this.config.getMaxFailuresPerUser()),
					record(LoginThrottle.clientKey(client), this.config.getMaxFailuresPerClient()))
			.then());
	}

	@Override
	public Mono<Void> succeeded(String username) {
		String subject = LoginThrottle.userKey(username);
		return guarded(this.redis.delete(failuresKey(subject), lockKey(subject)).then());
	}

	private Flux<Long> record(String subject, int maxFailures) {
		return this.redis.execute(FAILED_SCRIPT, List.of(failuresKey(subject), lockKey(subject)),
				List.of(Long.toString(this.config.getWindow().toMillis()), Integer.toString(maxFailures),
						Long.toString(this.config.getDuration().toMillis())));
	}

	private <T> Mono<T> guarded(Mono<T> call) {
		return call.timeout(this.timeout).doOnSuccess((result) -> this.health.redisAnswered()).onErrorMap((ex) -> {
			this.health.redisFailed(ex);
			this.meters.counter("gatehouse.ratelimit.fallbacks", "route", "basic-login", "decision", "refused")
				.increment();
			return new LoginThrottleUnavailableException(ex);
		});
	}

	// The subject in braces is a Redis Cluster hash tag: the script's two keys share a slot.
	private static String failuresKey(String subject) {
		return "gatehouse:login:{" + subject + "}:failures";
	}

	private static String lockKey(String subject) {
		return "gatehouse:login:{" + subject + "}:lock";
	}

}
