package dev.gatehouse.gateway.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.gatehouse.gateway.binding.UnverifiedBindingFilter;
import dev.gatehouse.gateway.partner.PartnerRouteAuthorizationManager;
import dev.gatehouse.gateway.security.SecurityChains;
import dev.gatehouse.security.BrandAutoConfiguration.InstalledBrand;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Partner systems by API key on {@code /partner/v1/**}, read-only, each key on the routes
 * its entry lists; and the key API on {@code /portal/api/keys} for partner
 * administrators. The keys are in Redis when the rate-limit store is (shared by every
 * replica), otherwise in memory, seeded from the configuration.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

	@Bean
	ApiKeyStore apiKeyStore(@Value("${gatehouse.gateway.rate-limits.store:memory}") String store,
			@Value("${gatehouse.gateway.rate-limits.redis-timeout:200ms}") Duration redisTimeout,
			ReactiveStringRedisTemplate redis) {
		return "redis".equalsIgnoreCase(store) ? new RedisApiKeyStore(redis, redisTimeout) : new MemoryApiKeyStore();
	}

	@Bean
	KeyAudit keyAudit() {
		return new KeyAudit();
	}

	@Bean
	ApiKeySeed apiKeySeed(ApiKeyStore store, ApiKeyProperties properties, Clock clock, KeyAudit audit,
			MeterRegistry meters) {
		return new ApiKeySeed(store, properties, clock, audit, meters);
	}

	@Bean
	@Order(SecurityChains.API_KEYS)
	SecurityWebFilterChain apiKeyChain(ServerHttpSecurity http, ApiKeyStore store, ApiKeySeed seed, Clock clock,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		ApiKeyProblems problems = new ApiKeyProblems(responses, audit);
		AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(
				new ApiKeyAuthenticationManager(store, seed, clock));
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

	@Bean
	PartnerKeysHandler partnerKeysHandler(ApiKeyStore store, ApiKeyProperties properties, Clock clock,
			KeyAudit keyAudit, ReactiveProblemResponses problems, SecurityAudit audit, InstalledBrand brand) {
		PartnerKeys keys = new PartnerKeys(store,
				new ApiKeyGenerator(new SecureRandom(), clock, brand.brand().apiKeyPrefix()), properties, clock,
				keyAudit);
		return new PartnerKeysHandler(keys, clock, problems, audit);
	}

	@Bean
	RouterFunction<ServerResponse> partnerKeysRoutes(PartnerKeysHandler handler) {
		return RouterFunctions.route(RequestPredicates.GET("/portal/api/keys"), handler::list)
			.andRoute(RequestPredicates.POST("/portal/api/keys/rotate"), handler::rotate)
			.andRoute(RequestPredicates.DELETE("/portal/api/keys/{id}"), handler::revoke);
	}

	/**
	 * The key API by bearer token: any valid, unbound access token of the realm is
	 * authenticated here; the role and partner are checked by the API itself
	 * ({@link PartnerAdmin}). The portal's page comes here too, with the signed-in
	 * person's access token relayed by the gateway (route {@code portal-keys}), so every
	 * key administrator meets this chain and these checks.
	 */
	@Bean
	@Order(SecurityChains.PARTNER_KEYS)
	SecurityWebFilterChain partnerKeysChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			Converter<Jwt, Mono<AbstractAuthenticationToken>> reactiveJwtAuthenticationConverter,
			ServerAuthenticationConverter bearerTokenConverter, ServerAuthenticationEntryPoint entryPoint,
			ServerAccessDeniedHandler deniedHandler, ServerAuthenticationFailureHandler failureHandler) {
		return SecurityChains.stateless(http)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/portal/api/keys", "/portal/api/keys/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(reactiveJwtAuthenticationConverter))
				.bearerTokenConverter(bearerTokenConverter)
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.authenticationFailureHandler(failureHandler))
			// This chain verifies no token binding: a certificate- or DPoP-bound token is
			// refused rather than accepted without its proof (the refusal for DPoP is
			// only used when the chain verifies DPoP).
			.addFilterBefore(new UnverifiedBindingFilter(entryPoint, Set.of(), (exchange, token) -> Mono.empty()),
					SecurityWebFiltersOrder.AUTHORIZATION)
			.addFilterBefore(SecurityChains.callerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

}
