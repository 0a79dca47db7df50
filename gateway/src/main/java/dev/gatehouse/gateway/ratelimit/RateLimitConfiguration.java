package dev.gatehouse.gateway.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.HttpResources;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Store;
import dev.gatehouse.gateway.ratelimit.RedisClientProperties.ReplyThread;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Rate limits and quotas: limiter, key resolver, problem bodies, store health and Redis
 * client behaviour; and the count of refused credentials per address. The failed-login
 * throttle of the Basic routes counts in the same store ({@code basic}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RateLimitProperties.class, FailedAuthenticationProperties.class,
		RedisClientProperties.class })
class RateLimitConfiguration {

	/**
	 * Where Spring Cloud Gateway keeps the token-bucket script its RedisRateLimiter runs.
	 */
	static final String REQUEST_RATE_LIMITER_SCRIPT = "META-INF/scripts/request_rate_limiter.lua";

	// Primary: Spring Cloud Gateway also defines its RedisRateLimiter and a
	// principal-name resolver.
	@Bean
	@Primary
	GatehouseRateLimiter gatehouseRateLimiter(RateLimitProperties properties, RedisRateLimiter redisRateLimiter,
			ReactiveStringRedisTemplate redisTemplate, RateLimitStoreHealth rateLimitStoreHealth,
			MeterRegistry meters) {
		return new GatehouseRateLimiter(properties, redisRateLimiter, redisTemplate, rateLimitStoreHealth, meters,
				Clock.systemUTC());
	}

	/**
	 * Spring Cloud Gateway's limiter and Lua script, with the script read once. Its own
	 * script bean reads the script from a class path resource and asks that resource for
	 * its modification time on every call, to see whether the script changed: a
	 * file-system lookup inside the jar on every request (5% of the gateway's CPU in the
	 * profile in docs/performance.md).
	 */
	@Bean
	RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redisTemplate,
			ConfigurationService configurationService) throws IOException {
		return new RedisRateLimiter(redisTemplate, requestRateLimiterScript(), configurationService);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static RedisScript<List<Long>> requestRateLimiterScript() throws IOException {
		String script = new ClassPathResource(REQUEST_RATE_LIMITER_SCRIPT).getContentAsString(StandardCharsets.UTF_8);
		return (RedisScript) RedisScript.of(script, List.class);
	}

	@Bean
	@Primary
	CallerKeyResolver callerKeyResolver() {
		return new CallerKeyResolver();
	}

	@Bean
	RateLimitProblemFilter rateLimitProblemFilter(ReactiveProblemResponses problems) {
		return new RateLimitProblemFilter(problems);
	}

	/** Refused credentials per client address, in the same store as the limits. */
	@Bean
	@ConditionalOnBooleanProperty(name = "gatehouse.gateway.failed-authentication.enabled", matchIfMissing = true)
	FailedAuthenticationFilter failedAuthenticationFilter(FailedAuthenticationProperties failures,
			RateLimitProperties properties, ReactiveStringRedisTemplate redisTemplate,
			RateLimitStoreHealth rateLimitStoreHealth, MeterRegistry meters, Clock clock,
			ReactiveProblemResponses problems, SecurityAudit audit) {
		return new FailedAuthenticationFilter(failures, (properties.store() == Store.REDIS) ? redisTemplate : null,
				properties.redisTimeout(), rateLimitStoreHealth, meters, clock, problems, audit);
	}

	@Bean
	RateLimitStoreHealth rateLimitStoreHealth(RateLimitProperties properties,
			ReactiveRedisConnectionFactory connectionFactory) {
		return new RateLimitStoreHealth(properties.store(), connectionFactory, properties.redisTimeout());
	}

	/**
	 * While disconnected, Lettuce would queue commands until the timeout; rejecting them
	 * at once sends requests to the outage policy without waiting.
	 * <p>
	 * Replies are handed to Lettuce's computation threads ({@code publishOnScheduler}):
	 * by default the rest of the request (the next filters, proxying, problem bodies,
	 * logging) runs on the thread that reads Redis replies, and the gateway shares one
	 * connection, so that is one thread for all replies. Under a burst, replies then
	 * waited behind other requests' work and missed the {@code redis-timeout}: a burst of
	 * 150 wrong Basic logins got 503 {@code rate-limit-unavailable} for a third of them
	 * and more (RateLimitIntegrationTests, docs in gateway/README.md).
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (options) -> options.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.publishOnScheduler(true);
	}

	/**
	 * Reconnect attempts at most a second apart (Lettuce's default grows to 30 s), so
	 * shared limits resume soon.
	 */
	@Bean
	ClientResourcesBuilderCustomizer boundedReconnectDelay() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

	/**
	 * Where requests continue after a Redis reply ({@code gatehouse.gateway.redis}, a CPU
	 * lever of docs/performance.md): Lettuce's threads, or the request's own event loop.
	 */
	@Bean
	ClientResourcesBuilderCustomizer redisReplyThread(RedisClientProperties redis) {
		if (redis.replyThread() == ReplyThread.REQUEST_EVENT_LOOP) {
			return RedisReplyThreads.onRequestEventLoops(HttpResources.get());
		}
		return (resources) -> {
		};
	}

}
