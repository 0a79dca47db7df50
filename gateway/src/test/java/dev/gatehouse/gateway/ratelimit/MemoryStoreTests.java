package dev.gatehouse.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import reactor.util.context.Context;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.OnStoreFailure;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Quota;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Quotas;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Route;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Store;
import dev.gatehouse.gateway.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory store (the local run's default): the same limits, quotas and refusals,
 * counted by one instance.
 */
class MemoryStoreTests {

	static final Instant NOON = Instant.parse("2026-03-31T12:00:00Z");

	@Test
	void burstCapacityPassesThenRefusalsNameTheLimitWithRetryAfter() {
		GatehouseRateLimiter limiter = limiter(Clock.fixed(NOON, ZoneOffset.UTC));
		String key = RateLimitKey.jwt("web", "u-1").encode();
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/customers"));
		List<Response> responses = IntStream.range(0, 4)
			.mapToObj((i) -> isAllowed(limiter, "api", key, exchange))
			.toList();
		assertThat(responses).extracting(Response::isAllowed).containsExactly(true, true, true, false);
		assertThat(responses.get(0).getHeaders()).containsEntry("X-RateLimit-Remaining", "2")
			.containsEntry("X-RateLimit-Burst-Capacity", "3")
			.containsEntry("X-RateLimit-Replenish-Rate", "1");
		Map<String, String> refused = responses.get(3).getHeaders();
		ProblemDetail refusal = exchange.getAttribute(GatehouseRateLimiter.REFUSAL);
		assertThat(refusal.getType()).hasToString(GatewayProblem.RATE_LIMITED.type());
		assertThat(Long.parseLong(refused.get("Retry-After"))).isBetween(1L, 3L);
		assertThat(refusal.getDetail()).contains("route api");
		// Another caller has a bucket of its own.
		assertThat(limiter.isAllowed("api", RateLimitKey.jwt("web", "u-2").encode()).block().isAllowed()).isTrue();
	}

	@Test
	void monthlyQuotaRefusesUntilTheNextMonth() {
		MutableClock clock = new MutableClock(NOON);
		GatehouseRateLimiter limiter = limiter(clock);
		String acme = RateLimitKey.partner("acme", "gold").encode();
		assertThat(limiter.isAllowed("partner", acme).block().getHeaders()).containsEntry("X-Quota-Remaining", "1");
		assertThat(limiter.isAllowed("partner", acme).block().isAllowed()).isTrue();
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/partner/v1/policies"));
		Response refused = isAllowed(limiter, "partner", acme, exchange);
		assertThat(refused.isAllowed()).isFalse();
		assertThat(((ProblemDetail) exchange.getAttribute(GatehouseRateLimiter.REFUSAL)).getType())
			.hasToString(GatewayProblem.QUOTA_EXCEEDED.type());
		assertThat(refused.getHeaders()).containsEntry("Retry-After", Long.toString(Duration.ofHours(12).toSeconds()));
		clock.set(Instant.parse("2026-04-01T00:00:01Z"));
		assertThat(limiter.isAllowed("partner", acme).block().isAllowed()).isTrue();
	}

	@Test
	void routesWithoutLimitsAreNotLimited() {
		GatehouseRateLimiter limiter = limiter(Clock.fixed(NOON, ZoneOffset.UTC));
		assertThat(limiter.isAllowed("other", RateLimitKey.address("192.0.2.1").encode()).block().isAllowed()).isTrue();
	}

	/**
	 * As {@code RequestRateLimiter} calls it, with the exchange in the context as
	 * {@link RateLimitProblemFilter} puts it.
	 */
	private static Response isAllowed(GatehouseRateLimiter limiter, String routeId, String key,
			ServerWebExchange exchange) {
		return limiter.isAllowed(routeId, key)
			.contextWrite(Context.of(ServerWebExchangeContextFilter.EXCHANGE_CONTEXT_ATTRIBUTE, exchange))
			.block();
	}

	static GatehouseRateLimiter limiter(Clock clock) {
		RateLimitProperties properties = new RateLimitProperties(Store.MEMORY, Duration.ofMillis(200),
				Map.of("api", new Route(1, 3, 1, null, null, OnStoreFailure.LOCAL), "partner",
						new Route(50, 100, 1, null, null, OnStoreFailure.LOCAL)),
				new Quotas(Map.of("gold", new Quota(2, "month")), null));
		return new GatehouseRateLimiter(properties, null, null,
				new RateLimitStoreHealth(Store.MEMORY, null, Duration.ofMillis(200)), new SimpleMeterRegistry(), clock);
	}

}
