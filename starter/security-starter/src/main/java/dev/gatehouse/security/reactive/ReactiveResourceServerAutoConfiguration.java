package dev.gatehouse.security.reactive;

import io.micrometer.tracing.Tracer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.SenderConstraints;
import dev.gatehouse.security.internal.HeaderCharacters;
import dev.gatehouse.security.internal.JwtDecoders;
import dev.gatehouse.security.internal.KeycloakJwtAuthenticationConverter;

/**
 * The same token rules, role mapping, route rules and problem bodies for WebFlux
 * applications such as the gateway. Every part is a bean typed by Spring Security's
 * interface and backs off when the application declares its own. A plain reactive
 * resource server gets the default chain; an application that declares any
 * {@link SecurityWebFilterChain} (the gateway) gets none and applies
 * {@link ReactiveResourceServerCustomizer} to the chain it builds.
 */
@AutoConfiguration(
		before = { ReactiveOAuth2ResourceServerAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(GatehouseSecurityProperties.class)
public class ReactiveResourceServerAutoConfiguration {

	/**
	 * Reactor Netty takes its header limits (HTTP/1.1 and HTTP/2) from
	 * {@code gatehouse.security.max-request-headers}: twice it, so that below the hard
	 * limit the application can still answer oversized headers with a problem body.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.http.server.HttpServer")
	static class NettyLimits {

		@Bean
		WebServerFactoryCustomizer<NettyReactiveWebServerFactory> gatehouseNettyLimits(
				GatehouseSecurityProperties properties) {
			return (factory) -> {
				int limit = (int) properties.serverHeaderLimit().toBytes();
				factory.addServerCustomizers(
						(server) -> server.httpRequestDecoder((decoder) -> decoder.maxHeaderSize(limit))
							.http2Settings((settings) -> settings.maxHeaderListSize(limit)));
			};
		}

	}

	/**
	 * The issuer's decoder, undecorated: the default chain refuses sender-constrained
	 * tokens on top.
	 */
	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder reactiveJwtDecoder(GatehouseSecurityProperties properties) {
		return JwtDecoders.reactive(properties);
	}

	@Bean
	@ConditionalOnMissingBean(name = "reactiveJwtAuthenticationConverter")
	Converter<Jwt, Mono<AbstractAuthenticationToken>> reactiveJwtAuthenticationConverter(
			GatehouseSecurityProperties properties) {
		return new ReactiveJwtAuthenticationConverterAdapter(new KeycloakJwtAuthenticationConverter(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	ServerAuthenticationConverter bearerTokenConverter() {
		return new WellFormedBearerTokenConverter();
	}

	/**
	 * Spring Security's strict firewall with its own rules, decided without regular
	 * expressions.
	 */
	@Bean
	@ConditionalOnMissingBean
	ServerWebExchangeFirewall serverWebExchangeFirewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
		firewall.setAllowedParameterNames(HeaderCharacters::allowedName);
		return firewall;
	}

	@Bean
	@ConditionalOnMissingBean
	ManagementPort managementPort() {
		return new ManagementPort();
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityAudit securityAudit() {
		return new SecurityAudit();
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveProblemResponses reactiveProblemResponses(JsonMapper jsonMapper, ObjectProvider<Tracer> tracer) {
		return new ReactiveProblemResponses(jsonMapper, tracer);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerAuthenticationEntryPoint bearerProblemServerEntryPoint(GatehouseSecurityProperties properties,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		return new BearerProblemServerEntryPoint(properties, responses, audit);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerAccessDeniedHandler problemServerAccessDeniedHandler(GatehouseSecurityProperties properties,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		return new ProblemServerAccessDeniedHandler(properties, responses, audit);
	}

	/**
	 * Spring rethrows a failure to reach the issuer (an AuthenticationServiceException),
	 * which would end as a 500; the caller should hear that the issuer is unavailable and
	 * retry.
	 */
	@Bean
	@ConditionalOnMissingBean
	ServerAuthenticationFailureHandler bearerTokenFailureHandler(ServerAuthenticationEntryPoint entryPoint,
			ReactiveProblemResponses responses) {
		return new IssuerAwareFailureHandler(entryPoint, responses);
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveResourceServerCustomizer reactiveResourceServerCustomizer(GatehouseSecurityProperties properties,
			ReactiveJwtDecoder decoder,
			Converter<Jwt, Mono<AbstractAuthenticationToken>> reactiveJwtAuthenticationConverter,
			ServerAuthenticationConverter bearerTokenConverter, ServerAuthenticationEntryPoint entryPoint,
			ServerAccessDeniedHandler deniedHandler, ServerAuthenticationFailureHandler failureHandler) {
		return (http) -> http.authorizeExchange((exchanges) -> {
			ReactiveAccessRules.apply(exchanges, properties);
			exchanges.anyExchange().denyAll();
		})
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(reactiveJwtAuthenticationConverter))
				.bearerTokenConverter(bearerTokenConverter)
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.authenticationFailureHandler(failureHandler));
	}

	/**
	 * The chain a reactive service gets unless it declares a chain of its own (Spring
	 * Boot's default-chain rule, as on the servlet stack): the starter's resource server,
	 * sender-constrained tokens refused, then the application's
	 * {@link ReactiveApiChainCustomizer}s.
	 */
	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain gatehouseSecurityWebFilterChain(ServerHttpSecurity http,
			ReactiveResourceServerCustomizer resourceServer, ReactiveJwtDecoder decoder,
			ObjectProvider<ReactiveApiChainCustomizer> customizers) {
		resourceServer.customize(http);
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.oauth2ResourceServer((resourceServerSpec) -> resourceServerSpec
				.jwt((jwt) -> jwt.jwtDecoder(refusingSenderConstrained(decoder))));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		return http.build();
	}

	/**
	 * A reactive service behind the gateway sees neither the client's certificate nor a
	 * DPoP proof, so it refuses every sender-constrained token, as the servlet services
	 * do. The gateway, which verifies bindings, composes its own chains with the
	 * undecorated decoder.
	 */
	static ReactiveJwtDecoder refusingSenderConstrained(ReactiveJwtDecoder decoder) {
		return (token) -> decoder.decode(token)
			.flatMap((jwt) -> SenderConstraints.isSenderConstrained(jwt)
					? Mono.error(SenderConstraints.unverifiableBehindTheGateway(jwt)) : Mono.just(jwt));
	}

}
