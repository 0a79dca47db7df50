package dev.gatehouse.bench.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;

/**
 * BENCHMARK ONLY, never part of the gateway: the "routing only" variant of bench/run.
 * Loaded into the gateway's JVM with
 * {@code -Dloader.path=<this module's gateway-ext jar>} and
 * {@code --spring.main.sources=dev.gatehouse.bench.gateway.RoutingOnlyChain}, it puts one
 * stateless chain in front of the gateway's own that lets {@code /api/**} through without
 * authentication, so the request still passes the gateway's web filters (hygiene, client
 * address, CORS, access log, tracing), Spring Security's filter chain proxy and the route
 * with its circuit breaker and retry, but no token is decoded and no rate limit is asked.
 * The backend still checks the token.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingOnlyChain {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain benchRoutingOnlyChain(ServerHttpSecurity http) {
		return http.securityMatcher(new PathPatternParserServerWebExchangeMatcher("/api/**"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

}
