package dev.gatehouse.security.servlet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.StarterProblem;
import dev.gatehouse.security.internal.HeaderCharacters;
import dev.gatehouse.security.internal.JwtDecoders;
import dev.gatehouse.security.internal.KeycloakJwtAuthenticationConverter;

/**
 * What a servlet service gets by adding the starter: JWT validation with the Gatehouse
 * rules, roles from the configured claims, route rules from YAML, sender-constrained
 * tokens refused unless the gateway vouches for them, and problem bodies for every
 * denial. Every part is a bean typed by Spring Security's interface and backs off when
 * the service declares its own; the two chains (management port, API) back off, as Spring
 * Boot's default chain does, when the service declares any {@link SecurityFilterChain}:
 * it can then apply {@link ResourceServerCustomizer} to its own.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(GatehouseSecurityProperties.class)
public class ServletResourceServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(GatehouseSecurityProperties properties) {
		return JwtDecoders.servlet(properties);
	}

	@Bean
	@ConditionalOnMissingBean(name = "jwtAuthenticationConverter")
	Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter(GatehouseSecurityProperties properties) {
		return new KeycloakJwtAuthenticationConverter(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerTokenResolver bearerTokenResolver() {
		return new WellFormedBearerTokenResolver();
	}

	/**
	 * Spring Security's strict firewall with its own rules, decided without regular
	 * expressions.
	 */
	@Bean
	@ConditionalOnMissingBean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
		firewall.setAllowedParameterNames(HeaderCharacters::allowedName);
		return firewall;
	}

	/**
	 * Spring Security's firewall refuses suspicious requests (encoded slashes,
	 * semicolons, control characters in headers) by throwing, which would surface as a
	 * 500; the caller made the mistake.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler requestRejectedHandler(ProblemResponses responses) {
		return (request, response, rejected) -> responses.write(request, response,
				StarterProblem.MALFORMED_REQUEST.with("The request's path or headers contain characters this API does "
						+ "not accept; remove encoded slashes, semicolons, '..' segments and control characters."));
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityAudit securityAudit() {
		return new SecurityAudit();
	}

	@Bean
	@ConditionalOnMissingBean
	AuthenticationEntryPoint bearerProblemEntryPoint(GatehouseSecurityProperties properties, ProblemResponses responses,
			SecurityAudit audit) {
		return new BearerProblemEntryPoint(properties, responses, audit);
	}

	@Bean
	@ConditionalOnMissingBean
	AccessDeniedHandler problemAccessDeniedHandler(ProblemResponses responses, SecurityAudit audit) {
		return new ProblemAccessDeniedHandler(responses, audit);
	}

	@Bean
	@ConditionalOnMissingBean
	CallerRefusals callerRefusals(SecurityAudit audit) {
		return new CallerRefusals(audit);
	}

	@Bean
	@ConditionalOnMissingBean
	ResourceServerCustomizer resourceServerCustomizer(GatehouseSecurityProperties properties, JwtDecoder decoder,
			Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter, BearerTokenResolver bearerTokens,
			AuthenticationEntryPoint entryPoint, AccessDeniedHandler deniedHandler, ProblemResponses responses) {
		return new StarterResourceServer(properties, decoder, jwtAuthenticationConverter, bearerTokens, entryPoint,
				deniedHandler, responses);
	}

	/**
	 * The chains a service gets unless it declares a chain of its own (Spring Boot's
	 * default-chain rule).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChains {

		/**
		 * The management port (actuator) is bound to loopback or the cluster network and
		 * never routed through the gateway, so its endpoints need no token; everything
		 * else is the API.
		 */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, ManagementPort managementPort)
				throws Exception {
			http.securityMatcher((request) -> managementPort.isManagement(request.getLocalPort()))
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

		/**
		 * The API: the starter's resource server, then the service's
		 * {@link ApiChainCustomizer}s.
		 */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE - 10)
		SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ResourceServerCustomizer resourceServer,
				ObjectProvider<ApiChainCustomizer> customizers) throws Exception {
			resourceServer.customize(http);
			for (ApiChainCustomizer customizer : customizers.orderedStream().toList()) {
				customizer.customize(http);
			}
			return http.build();
		}

	}

}
