package dev.gatehouse.gateway.security;

import java.net.InetSocketAddress;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * What the security chains share, and the two chains that belong to no feature: the
 * management port's and the 404 for every path outside the published prefixes. The chain
 * of each authentication method is its feature package's ({@code token}, {@code apikey},
 * {@code certificate}, {@code basic}), placed by {@link SecurityChains} as the contract's
 * table has them. All chains are stateless ({@link SecurityChains#stateless}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfiguration {

	@Bean
	SecurityAudit securityAudit(MeterRegistry meters) {
		return new MeteredSecurityAudit(meters);
	}

	@Bean
	ServerExchangeRejectedHandler problemExchangeRejectedHandler(ReactiveProblemResponses responses,
			SecurityAudit audit) {
		return new ProblemExchangeRejectedHandler(responses, audit);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Actuator on the management port, which is bound to loopback and never routed; the
	 * endpoints exposed there are read-only (health, info, metrics, prometheus), as in
	 * the services.
	 */
	@Bean
	@Order(SecurityChains.MANAGEMENT)
	SecurityWebFilterChain managementChain(ServerHttpSecurity http, ManagementPort managementPort) {
		return SecurityChains.stateless(http).securityMatcher((exchange) -> {
			InetSocketAddress local = exchange.getRequest().getLocalAddress();
			return (local != null && managementPort.isManagement(local.getPort())) ? MatchResult.match()
					: MatchResult.notMatch();
		}).authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
	}

	@Bean
	@Order(SecurityChains.NOT_FOUND)
	SecurityWebFilterChain notFoundChain(ServerHttpSecurity http, ReactiveProblemResponses responses) {
		NotFoundEntryPoint notFound = new NotFoundEntryPoint(responses);
		return SecurityChains.stateless(http)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().denyAll())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(notFound).accessDeniedHandler(notFound))
			.build();
	}

}
