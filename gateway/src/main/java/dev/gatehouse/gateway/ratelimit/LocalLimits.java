package dev.gatehouse.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Limit;

/**
 * Counters held by this instance alone: the {@code memory} store, and the fallback of the
 * {@code redis} store while Redis is unreachable. Spring Cloud Gateway has no in-memory
 * limiter; Resilience4j's is a maintained one already on the classpath. It refreshes
 * permits per period instead of per token, so a limit becomes
 * {@code burstCapacity / requestedTokens} requests per
 * {@code burstCapacity / replenishRate} seconds: the same burst and the same average
 * rate.
 */
class LocalLimits {

	/**
	 * Beyond this many callers, forget them all rather than grow without bound under a
	 * flood of addresses.
	 */
	private static final int MAX_KEYS = 100_000;

	private final Map<String, RateLimiter> buckets = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> quotaCounts = new ConcurrentHashMap<>();

	record Outcome(boolean allowed, long remaining, Duration retryAfter) {
	}

	Outcome acquire(String name, String bucket, Limit limit) {
		if (this.buckets.size() > MAX_KEYS) {
			this.buckets.clear();
		}
		RateLimiter limiter = this.buckets.computeIfAbsent(name + "|" + bucket,
				(key) -> RateLimiter.of(key, RateLimiterConfig.custom()
					.limitForPeriod((int) Math.min(Integer.MAX_VALUE, limit.requests()))
					.limitRefreshPeriod(Duration.ofNanos((long) (limit.burstCapacity() * 1e9 / limit.replenishRate())))
					.timeoutDuration(Duration.ZERO)
					.build()));
		boolean allowed = limiter.acquirePermission();
		long remaining = Math.max(0, limiter.getMetrics().getAvailablePermissions());
		Duration retryAfter = (limiter instanceof AtomicRateLimiter atomic)
				? Duration.ofNanos(atomic.getDetailedMetrics().getNanosToWait()) : Duration.ZERO;
		return new Outcome(allowed, remaining, retryAfter);
	}

	/**
	 * The count of this period's requests after this one, for quota windows starting at
	 * {@code windowStart}.
	 */
	long countQuota(String partner, long windowStart) {
		if (this.quotaCounts.size() > MAX_KEYS) {
			this.quotaCounts.clear();
		}
		// Older windows of the same partner are over: drop them as the new one starts.
		String prefix = partner + "|";
		String key = prefix + windowStart;
		if (!this.quotaCounts.containsKey(key)) {
			this.quotaCounts.keySet().removeIf((existing) -> existing.startsWith(prefix) && !existing.equals(key));
		}
		return this.quotaCounts.computeIfAbsent(key, (k) -> new AtomicLong()).incrementAndGet();
	}

}
