package dev.gatehouse.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits per route (overridable per partner plan and per client) and request quotas
 * per partner, under {@code gatehouse.gateway.rate-limits}.
 *
 * @param store where the counters live: {@code memory} (this instance only) or
 * {@code redis} (shared)
 * @param redisTimeout the longest a request waits for Redis before the route's outage
 * policy applies
 * @param routes limits by gateway route id; a route without an entry is not limited
 * @param quotas request quotas per partner
 */
@ConfigurationProperties("gatehouse.gateway.rate-limits")
public record RateLimitProperties(@DefaultValue("memory") Store store, @DefaultValue("200ms") Duration redisTimeout,
		Map<String, Route> routes, Quotas quotas) {

	public RateLimitProperties {
		routes = (routes != null) ? routes : Map.of();
		quotas = (quotas != null) ? quotas : new Quotas(null, null);
	}

	public enum Store {

		MEMORY, REDIS

	}

	/** What a route does when Redis cannot answer in time. */
	enum OnStoreFailure {

		/** Fail open to a limit counted by this instance alone (ordinary traffic). */
		LOCAL,

		/** Fail closed: refuse what cannot be counted (brute-force protection). */
		DENY

	}

	/**
	 * A token bucket of {@code burstCapacity} tokens, refilled at {@code replenishRate}
	 * tokens per second, each request costing {@code requestedTokens}: Spring Cloud
	 * Gateway's rates are whole tokens per second, so a cost above 1 expresses less than
	 * one request per second.
	 */
	record Limit(int replenishRate, long burstCapacity, @DefaultValue("1") int requestedTokens) {

		Limit {
			if (replenishRate < 1 || burstCapacity < replenishRate || requestedTokens < 1
					|| requestedTokens > burstCapacity) {
				throw new IllegalArgumentException("A rate limit needs replenish-rate >= 1, burst-capacity >= "
						+ "replenish-rate and 1 <= requested-tokens <= burst-capacity");
			}
		}

		/** Requests a full bucket lets through at once. */
		long requests() {
			return this.burstCapacity / this.requestedTokens;
		}

	}

	record Route(int replenishRate, long burstCapacity, @DefaultValue("1") int requestedTokens,
			Map<String, Limit> plans, Map<String, Limit> clients,
			@DefaultValue("local") OnStoreFailure onStoreFailure) {

		Route {
			plans = (plans != null) ? plans : Map.of();
			clients = (clients != null) ? clients : Map.of();
		}

		Limit limit() {
			return new Limit(this.replenishRate, this.burstCapacity, this.requestedTokens);
		}

	}

	/**
	 * @param plans quota per partner plan
	 * @param partners quota per partner, before its plan's
	 */
	record Quotas(Map<String, Quota> plans, Map<String, Quota> partners) {

		Quotas {
			plans = (plans != null) ? plans : Map.of();
			partners = (partners != null) ? partners : Map.of();
		}

	}

	/**
	 * @param limit requests per period
	 * @param period {@code day} or {@code month} (UTC calendar), or a duration such as
	 * {@code 10s} (windows aligned to the epoch)
	 */
	record Quota(long limit, String period) {

	}

}
