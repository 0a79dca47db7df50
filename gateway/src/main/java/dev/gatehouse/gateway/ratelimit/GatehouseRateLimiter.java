package dev.gatehouse.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Limit;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.OnStoreFailure;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Quota;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Route;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Store;

/**
 * The limiter behind every route's {@code RequestRateLimiter}: picks the route's limit
 * for the caller (client override, else plan override, else the route's), asks Spring
 * Cloud Gateway's {@link RedisRateLimiter} (store {@code redis}) or {@link LocalLimits}
 * (store {@code memory}), then counts the partner's quota. When Redis does not answer
 * within {@code redis-timeout}, the route's {@link OnStoreFailure} decides: a
 * per-instance limit, or a refusal; each such decision is counted
 * ({@code gatehouse.ratelimit.fallbacks}). Every request asks Redis again, so shared
 * limiting resumes as soon as it is back.
 */
class GatehouseRateLimiter implements RateLimiter<Object> {

	/**
	 * The exchange attribute holding a refusal's problem ({@link ProblemDetail}), which
	 * {@link RateLimitProblemFilter} writes as the body of the response
	 * {@code RequestRateLimiter} completes without one. The limiter finds the exchange in
	 * the Reactor context ({@link ServerWebExchangeContextFilter}), where that filter
	 * puts it.
	 */
	static final String REFUSAL = "gatehouse.rateLimitRefusal";

	static final String QUOTA_LIMIT = "X-Quota-Limit";

	static final String QUOTA_REMAINING = "X-Quota-Remaining";

	static final String QUOTA_RESET = "X-Quota-Reset";

	// INCR and the expiry in one step, so a counter never outlives its period.
	private static final RedisScript<Long> QUOTA_SCRIPT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return count""", Long.class);

	private final RateLimitProperties properties;

	private final RedisRateLimiter redis;

	private final ReactiveStringRedisTemplate redisTemplate;

	private final LocalLimits local = new LocalLimits();

	private final RateLimitStoreHealth health;

	private final MeterRegistry meters;

	private final Clock clock;

	GatehouseRateLimiter(RateLimitProperties properties, RedisRateLimiter redis,
			ReactiveStringRedisTemplate redisTemplate, RateLimitStoreHealth health, MeterRegistry meters, Clock clock) {
		this.properties = properties;
		this.redis = redis;
		this.redisTemplate = redisTemplate;
		this.health = health;
		this.meters = meters;
		this.clock = clock;
		if (redis != null) {
			// Every tier registered up front: RedisRateLimiter's configuration map is not
			// made for
			// changes while requests read it.
			properties.routes().forEach((routeId, route) -> {
				register(tier(routeId, route, new RateLimitKey(routeId, null, null, null)));
				route.plans()
					.keySet()
					.forEach((plan) -> register(tier(routeId, route, new RateLimitKey(routeId, null, null, plan))));
				route.clients()
					.keySet()
					.forEach((client) -> register(tier(routeId, route, new RateLimitKey(routeId, client, null, null))));
			});
		}
	}

	private void register(Tier tier) {
		this.redis.getConfig()
			.put(tier.name(),
					new RedisRateLimiter.Config().setReplenishRate(tier.limit().replenishRate())
						.setBurstCapacity(tier.limit().burstCapacity())
						.setRequestedTokens(tier.limit().requestedTokens()));
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		Route route = this.properties.routes().get(routeId);
		if (route == null) {
			return Mono.just(new Response(true, Map.of()));
		}
		RateLimitKey key = RateLimitKey.decode(id);
		Tier tier = tier(routeId, route, key);
		return rate(routeId, route, tier, key)
			.flatMap((rate) -> rate.isAllowed() ? quota(routeId, route, key, rate) : Mono.just(rate))
			.flatMap((response) -> (response instanceof Refused refused) ? Mono.deferContextual((context) -> {
				ServerWebExchangeContextFilter.getExchange(context)
					.ifPresent((exchange) -> exchange.getAttributes().put(REFUSAL, refused.problem()));
				return Mono.just(response);
			}) : Mono.just(response));
	}

	/** A refusal and the problem that tells the caller why. */
	static final class Refused extends Response {

		private final ProblemDetail problem;

		Refused(Map<String, String> headers, ProblemDetail problem) {
			super(false, headers);
			this.problem = problem;
		}

		ProblemDetail problem() {
			return this.problem;
		}

	}

	/** The limit that applies and its name, which is also its bucket namespace. */
	record Tier(String name, String description, Limit limit) {
	}

	static Tier tier(String routeId, Route route, RateLimitKey key) {
		if (key.client() != null && route.clients().containsKey(key.client())) {
			return new Tier(routeId + ".client." + key.client(), "route " + routeId + ", client " + key.client(),
					route.clients().get(key.client()));
		}
		if (key.plan() != null && route.plans().containsKey(key.plan())) {
			return new Tier(routeId + ".plan." + key.plan(), "route " + routeId + ", plan " + key.plan(),
					route.plans().get(key.plan()));
		}
		return new Tier(routeId, "route " + routeId, route.limit());
	}

	private Mono<Response> rate(String routeId, Route route, Tier tier, RateLimitKey key) {
		if (this.properties.store() == Store.MEMORY) {
			return Mono.just(localRate(tier, key));
		}
		return this.redis.isAllowed(tier.name(), key.bucket())
			.timeout(this.properties.redisTimeout())
			// RedisRateLimiter answers "allowed, -1 remaining" when Redis failed: that is
			// an outage too.
			.flatMap((response) -> "-1".equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER))
					? Mono.error(new IllegalStateException("Redis rate limiter failed")) : Mono.just(response))
			.map((response) -> {
				this.health.redisAnswered();
				return response.isAllowed() ? response
						: refusedRate(tier, response.getHeaders(), retryAfter(tier.limit()));
			})
			.onErrorResume((ex) -> {
				this.health.redisFailed(ex);
				return Mono.just(fallback(routeId, route, () -> localRate(tier, key)));
			});
	}

	private Response localRate(Tier tier, RateLimitKey key) {
		LocalLimits.Outcome outcome = this.local.acquire(tier.name(), key.bucket(), tier.limit());
		Map<String, String> headers = new HashMap<>();
		// Same names and units (tokens) as RedisRateLimiter's, whichever store answers.
		headers.put(RedisRateLimiter.REMAINING_HEADER,
				Long.toString(outcome.remaining() * tier.limit().requestedTokens()));
		headers.put(RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(tier.limit().replenishRate()));
		headers.put(RedisRateLimiter.BURST_CAPACITY_HEADER, Long.toString(tier.limit().burstCapacity()));
		headers.put(RedisRateLimiter.REQUESTED_TOKENS_HEADER, Integer.toString(tier.limit().requestedTokens()));
		return outcome.allowed() ? new Response(true, headers)
				: refusedRate(tier, headers, seconds(outcome.retryAfter()));
	}

	private Response refusedRate(Tier tier, Map<String, String> limitHeaders, long retryAfter) {
		Map<String, String> headers = new HashMap<>(limitHeaders);
		headers.put(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		return new Refused(headers,
				GatewayProblem.RATE_LIMITED
					.with("Rate limit of " + tier.description() + " exceeded: " + tier.limit().requests()
							+ " requests at once, refilled at " + tier.limit().replenishRate() + " tokens per second, "
							+ tier.limit().requestedTokens() + " per request; retry after " + retryAfter + " s."));
	}

	private Mono<Response> quota(String routeId, Route route, RateLimitKey key, Response rate) {
		if (key.partner() == null) {
			return Mono.just(rate);
		}
		Quota quota = this.properties.quotas().partners().get(key.partner());
		if (quota == null && key.plan() != null) {
			quota = this.properties.quotas().plans().get(key.plan());
		}
		if (quota == null) {
			return Mono.just(rate);
		}
		Quota applied = quota;
		Instant now = this.clock.instant();
		QuotaWindow window = QuotaWindow.of(quota.period(), now);
		if (this.properties.store() == Store.MEMORY) {
			return Mono.just(quotaResponse(key, applied, window, now, rate,
					this.local.countQuota(key.partner(), window.start().toEpochMilli())));
		}
		String redisKey = "gatehouse:quota:{" + key.partner() + "}:" + window.start().toEpochMilli();
		long ttl = window.remaining(now).plusMinutes(1).toMillis();
		return this.redisTemplate.execute(QUOTA_SCRIPT, List.of(redisKey), List.of(Long.toString(ttl)))
			.next()
			.timeout(this.properties.redisTimeout())
			.map((count) -> {
				this.health.redisAnswered();
				return quotaResponse(key, applied, window, now, rate, count);
			})
			.onErrorResume((ex) -> {
				this.health.redisFailed(ex);
				return Mono.just(fallback(routeId, route, () -> quotaResponse(key, applied, window, now, rate,
						this.local.countQuota(key.partner(), window.start().toEpochMilli()))));
			});
	}

	private Response quotaResponse(RateLimitKey key, Quota quota, QuotaWindow window, Instant now, Response rate,
			long count) {
		Map<String, String> headers = new HashMap<>(rate.getHeaders());
		long reset = seconds(window.remaining(now));
		headers.put(QUOTA_LIMIT, Long.toString(quota.limit()));
		headers.put(QUOTA_REMAINING, Long.toString(Math.max(0, quota.limit() - count)));
		headers.put(QUOTA_RESET, Long.toString(reset));
		if (count <= quota.limit()) {
			return new Response(true, headers);
		}
		headers.put(HttpHeaders.RETRY_AFTER, Long.toString(reset));
		return new Refused(headers,
				GatewayProblem.QUOTA_EXCEEDED
					.with("Partner " + key.partner() + " used its quota of " + quota.limit() + " requests per "
							+ quota.period() + "; retry after " + reset + " s, when the period resets."));
	}

	private Response fallback(String routeId, Route route, Supplier<Response> local) {
		if (route.onStoreFailure() == OnStoreFailure.DENY) {
			this.meters.counter("gatehouse.ratelimit.fallbacks", "route", routeId, "decision", "refused").increment();
			return new Refused(Map.of(HttpHeaders.RETRY_AFTER, "1"), GatewayProblem.RATE_LIMIT_UNAVAILABLE.with("Route "
					+ routeId
					+ " accepts only requests it can count, and its rate-limit store is unavailable; retry after 1 s."));
		}
		Response response = local.get();
		this.meters
			.counter("gatehouse.ratelimit.fallbacks", "route", routeId, "decision",
					response.isAllowed() ? "local-allowed" : "local-limited")
			.increment();
		return response;
	}

	/**
	 * An empty bucket holds a request's tokens again after requestedTokens /
	 * replenishRate seconds.
	 */
	private static long retryAfter(Limit limit) {
		return Math.max(1, (limit.requestedTokens() + limit.replenishRate() - 1) / limit.replenishRate());
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	@Override
	public Map<String, Object> getConfig() {
		// Limits come from gatehouse.gateway.rate-limits, not from the filter's
		// arguments.
		return Map.of();
	}

	@Override
	public Class<Object> getConfigClass() {
		return Object.class;
	}

	@Override
	public Object newConfig() {
		return new Object();
	}

}
