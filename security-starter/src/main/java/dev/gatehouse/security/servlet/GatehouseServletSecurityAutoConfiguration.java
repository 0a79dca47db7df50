package dev.gatehouse.security.servlet;

import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.HeaderCharacters;
import dev.gatehouse.security.GatehouseSecurityProperties.AccessRule;
import dev.gatehouse.security.JwtDecoders;
import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.PrincipalFallbackConverter;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.SenderConstraints;

/**
 * What a servlet service gets by adding the starter: JWT validation with the Gatehouse rules, roles
 * from the configured claims, route rules from YAML, sender-constrained tokens refused unless the
 * gateway vouches for them, and problem bodies for every denial. Each bean backs off when the
 * service defines its own.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(GatehouseSecurityProperties.class)
public class GatehouseServletSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(GatehouseSecurityProperties properties) {
		return JwtDecoders.servlet(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	PrincipalFallbackConverter jwtAuthenticationConverter(GatehouseSecurityProperties properties) {
		return new PrincipalFallbackConverter(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerTokenResolver bearerTokenResolver() {
		return new WellFormedBearerTokenResolver();
	}

	/** Spring Security's strict firewall with its own rules, decided without regular expressions. */
	@Bean
	@ConditionalOnMissingBean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
		firewall.setAllowedParameterNames(HeaderCharacters::allowedName);
		return firewall;
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityAudit securityAudit() {
		return new SecurityAudit();
	}

	@Bean
	@ConditionalOnMissingBean
	TraceIds traceIds(ObjectProvider<Tracer> tracer) {
		return new TraceIds(tracer);
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemResponses problemResponses(JsonMapper jsonMapper, TraceIds traceIds) {
		return new ProblemResponses(jsonMapper, traceIds);
	}

	@Bean
	@ConditionalOnMissingBean
	BearerProblemEntryPoint bearerProblemEntryPoint(GatehouseSecurityProperties properties,
			ProblemResponses responses, SecurityAudit audit) {
		return new BearerProblemEntryPoint(properties, responses, audit);
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemAccessDeniedHandler problemAccessDeniedHandler(ProblemResponses responses, SecurityAudit audit) {
		return new ProblemAccessDeniedHandler(responses, audit);
	}

	@Bean
	@ConditionalOnMissingBean
	CallerRefusals callerRefusals(SecurityAudit audit) {
		return new CallerRefusals(audit);
	}

	@Bean
	@ConditionalOnMissingBean
	ApiExceptionHandler apiExceptionHandler(ProblemResponses responses) {
		return new ApiExceptionHandler(responses);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "org.springframework.dao.ConcurrencyFailureException")
	ConcurrencyProblemHandler concurrencyProblemHandler(ProblemResponses responses) {
		return new ConcurrencyProblemHandler(responses);
	}

	@Bean
	@ConditionalOnMissingBean(name = "requestBodyLimitFilter")
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(GatehouseSecurityProperties properties,
			ProblemResponses responses) {
		var registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.getMaxRequestBody().toBytes(), responses));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Enabled only when subjects are listed: without mutual TLS there is no certificate to check. */
	@Bean
	@ConditionalOnMissingBean(name = "clientSubjectFilter")
	FilterRegistrationBean<ClientSubjectFilter> clientSubjectFilter(GatehouseSecurityProperties properties,
			ProblemResponses responses, SecurityAudit audit, ManagementPort managementPort) {
		var registration = new FilterRegistrationBean<>(new ClientSubjectFilter(properties.getAllowedClientSubjects(),
				responses, audit, managementPort));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		registration.setEnabled(!properties.getAllowedClientSubjects().isEmpty());
		return registration;
	}

	/**
	 * Spring Security's firewall refuses suspicious requests (encoded slashes, semicolons, control
	 * characters in headers) by throwing, which would surface as a 500; the caller made the mistake.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler requestRejectedHandler(ProblemResponses responses) {
		return (request, response, rejected) -> responses.write(request, response,
				Problems.problem(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST, "Request rejected",
						"The request's path or headers contain characters this API does not accept; "
								+ "remove encoded slashes, semicolons, '..' segments and control characters."));
	}

	/**
	 * Tomcat takes its header limit from {@code gatehouse.security.max-request-headers} (twice it,
	 * room for what the gateway adds, which passes on at most that much of the client's) and
	 * answers what it refuses itself with a problem body ({@link ProblemErrorReportValve}). Over
	 * TLS it offers only AEAD ciphers with forward secrecy: the JDK's defaults still include CBC
	 * suites, which TLS scanners report (the gateway's Netty leaves them out by default).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatLimits {

		/** TLS 1.3's suites and TLS 1.2's ECDHE suites with AES-GCM or ChaCha20-Poly1305 (JSSE names). */
		static final String AEAD_CIPHERS = String.join(",", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
				"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
				"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> gatehouseTomcatLimits(
				GatehouseSecurityProperties properties) {
			return new WebServerFactoryCustomizer<>() {

				@Override
				public void customize(TomcatServletWebServerFactory factory) {
					int limit = (int) properties.serverHeaderLimit().toBytes();
					factory.addConnectorCustomizers((connector) -> {
						if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
							http.setMaxHttpRequestHeaderSize(limit);
						}
						for (SSLHostConfig tls : connector.findSslHostConfigs()) {
							tls.setCiphers(AEAD_CIPHERS);
						}
					});
					factory.addContextCustomizers((context) -> {
						if (context.getParent() instanceof StandardHost host) {
							host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
						}
					});
				}

			};
		}

	}

	@Bean
	@ConditionalOnMissingBean
	ManagementPort managementPort() {
		return new ManagementPort();
	}

	/**
	 * The management port (actuator) is bound to loopback or the cluster network and never routed
	 * through the gateway, so its endpoints need no token; everything else is the API.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnMissingBean(name = "managementSecurityFilterChain")
	SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, ManagementPort managementPort)
			throws Exception {
		http.securityMatcher((request) -> managementPort.isManagement(request.getLocalPort()))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 10)
	@ConditionalOnMissingBean(name = "apiSecurityFilterChain")
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, GatehouseSecurityProperties properties,
			JwtDecoder decoder, PrincipalFallbackConverter converter, BearerTokenResolver bearerTokens,
			BearerProblemEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler, ProblemResponses responses)
			throws Exception {
		AuthenticationFailureHandler failureHandler = failureHandler(entryPoint, responses);
		JwtAuthenticationProvider boundTokens = new JwtAuthenticationProvider(decoder);
		boundTokens.setJwtAuthenticationConverter(converter);
		http.authorizeHttpRequests((requests) -> rules(requests, properties))
			// Stateless bearer-token API: no session, no cookies, so no CSRF exposure.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(refusingSenderConstrained(decoder)).jwtAuthenticationConverter(converter))
				.bearerTokenResolver(bearerTokens)
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(failureHandler);
						return filter;
					}
				}))
			// Not beans: as Filter beans, Spring Boot would also run them outside the security chain.
			.addFilterBefore(new DpopSchemeFilter(refusingSenderConstrained(decoder), failureHandler), AuthenticationFilter.class)
			.addFilterAfter(new GatewayVouchingFilter(properties.getGatewayClientId(), boundTokens, failureHandler,
					responses), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * The token in {@code Authorization} may not be sender-constrained: its proof of possession (the
	 * client's TLS certificate, a DPoP proof) never reaches a service behind the gateway, so a stolen
	 * bound token must not work here. Refused while decoding, as an invalid token, before Spring's own
	 * DPoP check (which answers a bare "Invalid bearer token", or a 500 for a {@code cnf} that is no
	 * JSON object). A bound token the gateway verified arrives in {@code X-Gatehouse-Bound-Token}
	 * instead and is decoded by the undecorated decoder ({@link GatewayVouchingFilter}).
	 */
	static JwtDecoder refusingSenderConstrained(JwtDecoder decoder) {
		return (token) -> {
			Jwt jwt = decoder.decode(token);
			if (SenderConstraints.isSenderConstrained(jwt)) {
				throw SenderConstraints.unverifiableBehindTheGateway(jwt);
			}
			return jwt;
		};
	}

	/**
	 * Spring rethrows a failure to reach the issuer (an AuthenticationServiceException), which would
	 * end as a 500; the caller should hear that the issuer is unavailable and retry.
	 */
	private static AuthenticationFailureHandler failureHandler(BearerProblemEntryPoint entryPoint,
			ProblemResponses responses) {
		AuthenticationEntryPointFailureHandler tokenFailures = new AuthenticationEntryPointFailureHandler(entryPoint);
		return (request, response, failure) -> {
			if (failure instanceof AuthenticationServiceException) {
				response.setHeader("Retry-After", "5");
				responses.write(request, response, Problems.issuerUnavailable());
				return;
			}
			tokenFailures.onAuthenticationFailure(request, response, failure);
		};
	}

	private static void rules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
			GatehouseSecurityProperties properties) {
		if (!properties.getPermitAll().isEmpty()) {
			requests.requestMatchers(properties.getPermitAll().toArray(String[]::new)).permitAll();
		}
		for (AccessRule rule : properties.getRules()) {
			String[] authorities = rule.anyAuthority().toArray(String[]::new);
			if (rule.methodsOrAll().isEmpty()) {
				requests.requestMatchers(rule.pattern()).hasAnyAuthority(authorities);
			}
			else {
				for (String method : rule.methodsOrAll()) {
					requests.requestMatchers(HttpMethod.valueOf(method.toUpperCase()), rule.pattern())
						.hasAnyAuthority(authorities);
				}
			}
		}
		// Secure by default: a path no rule names is refused, not silently open to any token.
		requests.anyRequest().denyAll();
	}

}
