package dev.gatehouse.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Store;

/**
 * Health contributor {@code rateLimitStore}: {@code DEGRADED} (HTTP 200, but visible in
 * the overall status) while Redis does not answer, because the gateway still serves, with
 * per-instance limits on fail-open routes and refusals on fail-closed ones. Not DOWN:
 * taking every replica out of the load balancer for a Redis outage would turn it into a
 * full one. Logs each change of state once, rather than every failed call.
 */
public class RateLimitStoreHealth implements ReactiveHealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED",
			"Redis unreachable: per-instance limits on fail-open routes, " + "refusals on fail-closed routes");

	private static final Log logger = LogFactory.getLog(RateLimitStoreHealth.class);

	private final Store store;

	private final ReactiveRedisConnectionFactory redis;

	private final Duration timeout;

	private final AtomicBoolean reachable = new AtomicBoolean(true);

	RateLimitStoreHealth(Store store, ReactiveRedisConnectionFactory redis, Duration timeout) {
		this.store = store;
		this.redis = redis;
		this.timeout = timeout;
	}

	public void redisAnswered() {
		if (this.reachable.compareAndSet(false, true)) {
			logger.warn("Rate-limit store Redis answers again: limits are shared across instances again");
		}
	}

	public void redisFailed(Throwable ex) {
		if (this.reachable.compareAndSet(true, false)) {
			logger.warn("Rate-limit store Redis failed (" + ex.getClass().getSimpleName()
					+ "): routes fall back to their outage policy");
		}
	}

	@Override
	public Mono<Health> health() {
		if (this.store == Store.MEMORY) {
			return Mono.just(Health.up().withDetail("store", "memory (per instance)").build());
		}
		return Mono
			.usingWhen(Mono.fromSupplier(this.redis::getReactiveConnection), ReactiveRedisConnection::ping,
					ReactiveRedisConnection::closeLater)
			.timeout(this.timeout)
			.map((pong) -> {
				redisAnswered();
				return Health.up().withDetail("store", "redis").build();
			})
			.onErrorResume((ex) -> {
				redisFailed(ex);
				return Mono.just(Health.status(DEGRADED).withDetail("store", "redis").build());
			});
	}

}
