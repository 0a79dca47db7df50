package dev.gatehouse.security.servlet;

import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.GatehouseSecurityProperties.AccessRule;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SenderConstraints;

/** The starter's {@link ResourceServerCustomizer}, from the beans of the context. */
final class StarterResourceServer implements ResourceServerCustomizer {

	private final GatehouseSecurityProperties properties;

	private final JwtDecoder decoder;

	private final Converter<Jwt, AbstractAuthenticationToken> converter;

	private final BearerTokenResolver bearerTokens;

	private final AuthenticationEntryPoint entryPoint;

	private final AccessDeniedHandler deniedHandler;

	private final ProblemResponses responses;

	StarterResourceServer(GatehouseSecurityProperties properties, JwtDecoder decoder,
			Converter<Jwt, AbstractAuthenticationToken> converter, BearerTokenResolver bearerTokens,
			AuthenticationEntryPoint entryPoint, AccessDeniedHandler deniedHandler, ProblemResponses responses) {
		this.properties = properties;
		this.decoder = decoder;
		this.converter = converter;
		this.bearerTokens = bearerTokens;
		this.entryPoint = entryPoint;
		this.deniedHandler = deniedHandler;
		this.responses = responses;
	}

	@Override
	public void customize(HttpSecurity http) {
		AuthenticationFailureHandler failureHandler = failureHandler();
		JwtAuthenticationProvider boundTokens = new JwtAuthenticationProvider(this.decoder);
		boundTokens.setJwtAuthenticationConverter(this.converter);
		JwtDecoder refusingSenderConstrained = refusingSenderConstrained(this.decoder);
		http.authorizeHttpRequests(this::rules)
			// Stateless bearer-token API: no session, no cookies, so no CSRF exposure.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.entryPoint)
				.accessDeniedHandler(this.deniedHandler))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(refusingSenderConstrained).jwtAuthenticationConverter(this.converter))
				.bearerTokenResolver(this.bearerTokens)
				.authenticationEntryPoint(this.entryPoint)
				.accessDeniedHandler(this.deniedHandler)
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(failureHandler);
						return filter;
					}
				}))
			// Not beans: as Filter beans, Spring Boot would also run them outside the
			// security chain.
			.addFilterBefore(new DpopSchemeFilter(refusingSenderConstrained, failureHandler),
					AuthenticationFilter.class)
			.addFilterAfter(new GatewayVouchingFilter(this.properties.getGatewayClientId(), boundTokens, failureHandler,
					this.responses), BearerTokenAuthenticationFilter.class);
	}

	/**
	 * The token in {@code Authorization} may not be sender-constrained: its proof of
	 * possession (the client's TLS certificate, a DPoP proof) never reaches a service
	 * behind the gateway, so a stolen bound token must not work here. Refused while
	 * decoding, as an invalid token, before Spring's own DPoP check (which answers a bare
	 * "Invalid bearer token", or a 500 for a {@code cnf} that is no JSON object). A bound
	 * token the gateway verified arrives in {@code X-Gatehouse-Bound-Token} instead and
	 * is decoded by the undecorated decoder ({@link GatewayVouchingFilter}).
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
	 * Spring rethrows a failure to reach the issuer (an AuthenticationServiceException),
	 * which would end as a 500; the caller should hear that the issuer is unavailable and
	 * retry.
	 */
	private AuthenticationFailureHandler failureHandler() {
		AuthenticationEntryPointFailureHandler tokenFailures = new AuthenticationEntryPointFailureHandler(
				this.entryPoint);
		return (request, response, failure) -> {
			if (failure instanceof AuthenticationServiceException) {
				response.setHeader(HttpHeaders.RETRY_AFTER, "5");
				this.responses.write(request, response, Problems.issuerUnavailable());
				return;
			}
			tokenFailures.onAuthenticationFailure(request, response, failure);
		};
	}

	private void rules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		if (!this.properties.getPermitAll().isEmpty()) {
			requests.requestMatchers(this.properties.getPermitAll().toArray(String[]::new)).permitAll();
		}
		for (AccessRule rule : this.properties.getRules()) {
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
		// Secure by default: a path no rule names is refused, not silently open to any
		// token.
		requests.anyRequest().denyAll();
	}

}
