package dev.gatehouse.gateway.apikey;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;

import dev.gatehouse.gateway.partner.PartnerRouteAuthorizationManager;
import dev.gatehouse.gateway.security.SecurityChains;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Partner systems by API key on {@code /partner/v1/**}, read-only, each key on the routes
 * its entry lists.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

	@Bean
	ApiKeyStore apiKeyStore(ApiKeyProperties properties) {
		return new ApiKeyStore(properties);
	}

	@Bean
	@Order(SecurityChains.API_KEYS)
	SecurityWebFilterChain apiKeyChain(ServerHttpSecurity http, ApiKeyStore store, Clock clock,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		ApiKeyProblems problems = new ApiKeyProblems(responses, audit);
		AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(new ApiKeyAuthenticationManager(store, clock));
		apiKeys.setServerAuthenticationConverter(new ApiKeyAuthenticationConverter());
		apiKeys.setAuthenticationFailureHandler(problems);
		return SecurityChains.stateless(http)
			.securityMatcher(new PathPatternParserServerWebExchangeMatcher("/partner/v1/**"))
			.addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/partner/v1/**")
				.access(new PartnerRouteAuthorizationManager())
				.anyExchange()
				.denyAll())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(SecurityChains.callerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

}
