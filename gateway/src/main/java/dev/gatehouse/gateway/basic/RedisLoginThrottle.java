package dev.gatehouse.gateway.basic;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.gatehouse.gateway.basic.BasicAuthProperties.Lockout;
import dev.gatehouse.gateway.ratelimit.RateLimitStoreHealth;

/**
 * {@link LoginThrottle} in Redis (store {@code redis}), so attempts spread over replicas
 * add up. Per user and per client address, one counter of attempts: a script checks the
 * lock and counts the attempt in one atomic step, before the password is checked; the
 * attempt that reaches the limit turns the counter's expiry from the window into the
 * lock. Fail-closed: when Redis does not answer within the lockout's
 * {@code store-timeout}, the login is refused (503) and counted in
 * {@code gatehouse.ratelimit.fallbacks}; each login asks Redis again, so logins work as
 * soon as it is back.
 */
class RedisLoginThrottle implements LoginThrottle {

	/**
	 * ARGV: limit, window, lock (ms). Answers the attempt's number, or minus the lock's
	 * remaining ms.
	 */
	private static final RedisScript<Long> RESERVE_SCRIPT = RedisScript.of("""
			local max = tonumber(ARGV[1])
			local count = tonumber(redis.call('GET', KEYS[1]) or '0')
			if count >= max then
				return -math.max(1, redis.call('PTTL', KEYS[1]))
			end
			count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			if count >= max then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
			return count""", Long.class);

	/**
	 * Gives an attempt back (DECR keeps the expiry); the last one removes the counter.
	 */
	private static final RedisScript<Long> GIVE_BACK_SCRIPT = RedisScript.of("""
			local count = tonumber(redis.call('GET', KEYS[1]) or '0')
			if count > 1 then return redis.call('DECR', KEYS[1]) end
			redis.call('DEL', KEYS[1])
			return 0""", Long.class);

	private final Lockout config;

	private final ReactiveStringRedisTemplate redis;

	private final RateLimitStoreHealth health;

	private final MeterRegistry meters;

	RedisLoginThrottle(Lockout config, ReactiveStringRedisTemplate redis, RateLimitStoreHealth health,
			MeterRegistry meters) {
		this.config = config;
		this.redis = redis;
		this.health = health;
		this.meters = meters;
	}

	@Override
	public Mono<Void> reserve(String username, String client) {
		String userKey = LoginThrottle.userKey(username);
		String addressKey = LoginThrottle.clientKey(client);
		// One script per key (the two keys live in different Redis Cluster slots), both
		// at once: one
		// round trip. An attempt reserved on one key while the other is locked is given
		// back.
		return guarded(Mono
			.zip(reserve(userKey, this.config.getMaxFailuresPerUser()),
					reserve(addressKey, this.config.getMaxFailuresPerClient()))
			.flatMap((answers) -> {
				long userAnswer = answers.getT1();
				long clientAnswer = answers.getT2();
				if (userAnswer >= 0 && clientAnswer >= 0) {
					return Mono.<Long>empty();
				}
				Mono<Long> giveBack = (userAnswer >= 0) ? giveBack(userKey)
						: (clientAnswer >= 0) ? giveBack(addressKey) : Mono.empty();
				// The longer of the two locks.
				return giveBack.then(Mono.just(Math.max(-userAnswer, -clientAnswer)));
			})).flatMap((lockedMillis) -> Mono.<Void>error(new LoginLockedException(Duration.ofMillis(lockedMillis))));
	}

	/**
	 * Opens the shared Redis connection and runs both scripts once, on a key of its own,
	 * before the first login, when there is time: left to the first requests, a burst of
	 * them waited for the connection, the script loads and the classes of this path, and
	 * missed {@code redis-timeout}. Best effort: Redis may still be down at start-up.
	 */
	Mono<Void> warmUp() {
		String key = "warm-up:" + UUID.randomUUID();
		return Mono.zip(reserve(key, 1), reserve(key + ":client", 1))
			.then(giveBack(key))
			.then(giveBack(key + ":client"))
			.then();
	}

	@Override
	public Mono<Void> succeeded(String username, String client) {
		return guarded(this.redis.delete(attemptsKey(LoginThrottle.userKey(username)))
			.then(giveBack(LoginThrottle.clientKey(client)))).then();
	}

	private Mono<Long> reserve(String subject, int max) {
		return this.redis.execute(RESERVE_SCRIPT, List.of(attemptsKey(subject)), List.of(Integer.toString(max),
				Long.toString(this.config.getWindow().toMillis()), Long.toString(this.config.getDuration().toMillis())))
			.next();
	}

	private Mono<Long> giveBack(String subject) {
		return this.redis.execute(GIVE_BACK_SCRIPT, List.of(attemptsKey(subject)), List.of()).next();
	}

	private <T> Mono<T> guarded(Mono<T> call) {
		return call.timeout(this.config.getStoreTimeout())
			.doOnSuccess((result) -> this.health.redisAnswered())
			.onErrorMap((ex) -> {
				this.health.redisFailed(ex);
				this.meters.counter("gatehouse.ratelimit.fallbacks", "route", "basic-login", "decision", "refused")
					.increment();
				return new LoginThrottleUnavailableException(ex);
			});
	}

	// The subject in braces is a Redis Cluster hash tag, as for the rate limiter's keys.
	private static String attemptsKey(String subject) {
		return "gatehouse:login:{" + subject + "}:attempts";
	}

}
