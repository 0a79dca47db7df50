package dev.gatehouse.gateway.basic;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;

import dev.gatehouse.gateway.ratelimit.RateLimitProperties;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Store;
import dev.gatehouse.gateway.ratelimit.RateLimitStoreHealth;
import dev.gatehouse.gateway.security.SecurityChains;
import dev.gatehouse.gateway.tls.HttpsRequiredFilter;
import dev.gatehouse.gateway.tls.TlsListener;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Operators by HTTP Basic on {@code /internal/**}, over TLS only, read-only, with failed
 * logins throttled.
 */
@Configuration(proxyBeanMethods = false)
class BasicAuthConfiguration {

	private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	PasswordEncoder passwordEncoder() {
		return BasicAuthentication.passwordEncoder();
	}

	/**
	 * The scheduler passwords are checked on ({@code gatehouse.gateway.basic.hashing});
	 * its queue holds every login the bound on logins in progress lets in, so it never
	 * refuses one itself.
	 */
	@Bean(destroyMethod = "dispose")
	Scheduler passwordHashing(BasicAuthProperties properties) {
		return Schedulers.newBoundedElastic(properties.getHashing().getThreads(),
				properties.getHashing().getMaxLogins(), "password-hashing");
	}

	/**
	 * Failed logins live in the rate-limit store, so that with Redis a lockout holds on
	 * every replica. With Redis, the connection is opened and the scripts loaded while
	 * the context starts, before the listeners accept requests.
	 */
	@Bean
	LoginThrottle loginThrottle(RateLimitProperties rateLimits, BasicAuthProperties properties, Clock clock,
			ReactiveStringRedisTemplate redisTemplate, RateLimitStoreHealth rateLimitStoreHealth,
			MeterRegistry meters) {
		if (rateLimits.store() == Store.REDIS) {
			RedisLoginThrottle throttle = new RedisLoginThrottle(properties.getLockout(), redisTemplate,
					rateLimitStoreHealth, meters);
			try {
				throttle.warmUp().block(WARM_UP_TIMEOUT);
			}
			catch (RuntimeException ex) {
				LoggerFactory.getLogger(BasicAuthConfiguration.class)
					.warn("Redis did not answer at start-up ({}); the rate-limit store connects on first use",
							NestedExceptionUtils.getMostSpecificCause(ex).toString());
			}
			return throttle;
		}
		return new MemoryLoginThrottle(properties.getLockout(), clock);
	}

	@Bean
	@Order(SecurityChains.BASIC)
	SecurityWebFilterChain basicChain(ServerHttpSecurity http, BasicAuthProperties properties, PasswordEncoder encoder,
			LoginThrottle throttle, Scheduler passwordHashing, TlsListener tls, ReactiveProblemResponses responses,
			SecurityAudit audit) {
		BasicProblems problems = new BasicProblems(properties.getRealm(), responses, audit);
		AuthenticationWebFilter basic = new AuthenticationWebFilter(new BasicAuthentication(properties, encoder,
				throttle, passwordHashing, BasicAuthentication.logins(properties)));
		basic.setServerAuthenticationConverter(new ServerHttpBasicAuthenticationConverter());
		basic.setAuthenticationFailureHandler(problems);
		return SecurityChains.stateless(http)
			.securityMatcher(new PathPatternParserServerWebExchangeMatcher("/internal/**"))
			.addFilterAt(new HttpsRequiredFilter(tls::port, responses, audit), SecurityWebFiltersOrder.FIRST)
			.addFilterAt(basic, SecurityWebFiltersOrder.HTTP_BASIC)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/internal/**")
				.authenticated()
				.anyExchange()
				.denyAll())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(SecurityChains.callerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

}
