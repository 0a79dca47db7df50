package dev.gatehouse.gateway.security;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerX509AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.x509.SubjectX500PrincipalExtractor;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;

import dev.gatehouse.gateway.apikey.ApiKeyAuthenticationConverter;
import dev.gatehouse.gateway.apikey.ApiKeyAuthenticationManager;
import dev.gatehouse.gateway.apikey.ApiKeyProblems;
import dev.gatehouse.gateway.apikey.ApiKeyProperties;
import dev.gatehouse.gateway.apikey.ApiKeyStore;
import dev.gatehouse.gateway.basic.BasicAuthProperties;
import dev.gatehouse.gateway.basic.BasicAuthentication;
import dev.gatehouse.gateway.basic.BasicProblems;
import dev.gatehouse.gateway.basic.HttpsRequiredFilter;
import dev.gatehouse.gateway.basic.LoginThrottle;
import dev.gatehouse.gateway.binding.UnverifiedBindingFilter;
import dev.gatehouse.gateway.certificate.CertificateBoundTokenFilter;
import dev.gatehouse.gateway.certificate.ClientCertificateAuthenticationManager;
import dev.gatehouse.gateway.certificate.ClientCertificateProblems;
import dev.gatehouse.gateway.dpop.DpopAuthentication;
import dev.gatehouse.gateway.partner.PartnerRouteAuthorizationManager;
import dev.gatehouse.gateway.tls.TlsListener;
import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.SenderConstraints;
import dev.gatehouse.security.reactive.BearerProblemServerEntryPoint;
import dev.gatehouse.security.reactive.GatehouseReactiveSecurityAutoConfiguration;
import dev.gatehouse.security.reactive.ProblemServerAccessDeniedHandler;
import dev.gatehouse.security.reactive.ReactiveAccessRules;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;
import dev.gatehouse.security.reactive.WellFormedBearerTokenConverter;

/**
 * One security chain per kind of route, as the contract's table has them: Bearer JWT on
 * {@code /api/**} (the starter's decoder, role mapping, rules and problems; certificate-bound
 * tokens checked against the connection's certificate, DPoP-bound tokens against their proof with
 * {@code Authorization: DPoP}, and any other sender-constrained token refused), API keys on
 * {@code /partner/v1/**}, client
 * certificates over TLS on {@code /partner/mtls/**}, HTTP Basic over TLS on {@code /internal/**}, and 404 for everything
 * else, so a path outside these prefixes can never reach a route unauthenticated. All chains are
 * stateless: no session, no saved request, no CSRF (no cookies are accepted as credentials).
 * Response headers are written by a filter ahead of the chains.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class GatewaySecurityConfiguration {

	@Bean
	SecurityAudit securityAudit(MeterRegistry meters) {
		return new MeteredSecurityAudit(meters);
	}

	@Bean
	ServerExchangeRejectedHandler problemExchangeRejectedHandler(ReactiveProblemResponses responses, SecurityAudit audit) {
		return new ProblemExchangeRejectedHandler(responses, audit);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Actuator on the management port, which is bound to loopback and never routed; the endpoints
	 * exposed there are read-only (health, info, metrics, prometheus), as in the services.
	 */
	@Bean
	@Order(0)
	SecurityWebFilterChain managementChain(ServerHttpSecurity http, ManagementPort managementPort) {
		return stateless(http).securityMatcher((exchange) -> {
			InetSocketAddress local = exchange.getRequest().getLocalAddress();
			return (local != null && managementPort.isManagement(local.getPort())) ? MatchResult.match()
					: MatchResult.notMatch();
		})
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	@Bean
	@Order(1)
	SecurityWebFilterChain apiChain(ServerHttpSecurity http, GatehouseSecurityProperties properties,
			ReactiveJwtDecoder decoder, ReactiveJwtAuthenticationConverterAdapter converter,
			WellFormedBearerTokenConverter bearerTokens, BearerProblemServerEntryPoint entryPoint,
			ProblemServerAccessDeniedHandler deniedHandler, ReactiveProblemResponses responses,
			ClientCertificateAuthenticationManager certificates, DpopAuthentication dpop) {
		Set<String> verifiedBindings = dpop.isEnabled()
				? Set.of(SenderConstraints.CERTIFICATE_THUMBPRINT, SenderConstraints.KEY_THUMBPRINT)
				: Set.of(SenderConstraints.CERTIFICATE_THUMBPRINT);
		return stateless(http).securityMatcher(new PathPatternParserServerWebExchangeMatcher("/api/**"))
			.authorizeExchange((exchanges) -> {
				ReactiveAccessRules.apply(exchanges, properties);
				exchanges.anyExchange().denyAll();
			})
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter))
				.bearerTokenConverter(bearerTokens)
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.authenticationFailureHandler(GatehouseReactiveSecurityAutoConfiguration.failureHandler(entryPoint, responses)))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			// Authorization: DPoP <token> with its proof (RFC 9449); Bearer tokens go to the resource server's filter.
			.addFilterAt(dpop.filter(), SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterAfter(new CertificateBoundTokenFilter(entryPoint, certificates::isRevokedOrUnknown),
					SecurityWebFiltersOrder.AUTHENTICATION)
			// After every filter that verifies a kind of binding: what none verified is refused.
			.addFilterBefore(new UnverifiedBindingFilter(entryPoint, verifiedBindings, dpop::refuseBoundTokenAsBearer),
					SecurityWebFiltersOrder.AUTHORIZATION)
			.addFilterBefore(new CallerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	@Bean
	ApiKeyStore apiKeyStore(ApiKeyProperties properties) {
		return new ApiKeyStore(properties);
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain partnerChain(ServerHttpSecurity http, ApiKeyProperties properties, ApiKeyStore store,
			Clock clock, ReactiveProblemResponses responses, SecurityAudit audit) {
		ApiKeyProblems problems = new ApiKeyProblems(responses, audit);
		AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(new ApiKeyAuthenticationManager(store, clock));
		apiKeys.setServerAuthenticationConverter(new ApiKeyAuthenticationConverter());
		apiKeys.setAuthenticationFailureHandler(problems);
		return stateless(http).securityMatcher(new PathPatternParserServerWebExchangeMatcher("/partner/v1/**"))
			.addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/partner/v1/**")
				.access(new PartnerRouteAuthorizationManager())
				.anyExchange()
				.denyAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new CallerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	/**
	 * Partner systems by client certificate, on the TLS listener only. The handshake already refused
	 * certificates that do not chain to a trusted partner CA or are expired; here: revocation, the
	 * subject's partner, and its routes. Spring Security's X.509 converter takes the certificate from
	 * the connection, never from a header.
	 */
	@Bean
	@Order(3)
	SecurityWebFilterChain clientCertificateChain(ServerHttpSecurity http,
			ClientCertificateAuthenticationManager manager, TlsListener tls, ReactiveProblemResponses responses,
			SecurityAudit audit) {
		ClientCertificateProblems problems = new ClientCertificateProblems(responses, audit);
		AuthenticationWebFilter certificates = new AuthenticationWebFilter(manager);
		certificates.setServerAuthenticationConverter(new ServerX509AuthenticationConverter(new SubjectX500PrincipalExtractor()));
		certificates.setAuthenticationFailureHandler(problems);
		return stateless(http).securityMatcher(new PathPatternParserServerWebExchangeMatcher("/partner/mtls/**"))
			.addFilterAt(new HttpsRequiredFilter(tls::port, responses, audit), SecurityWebFiltersOrder.FIRST)
			.addFilterAt(certificates, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/partner/mtls/**")
				.access(new PartnerRouteAuthorizationManager())
				.anyExchange()
				.denyAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new CallerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return BasicAuthentication.passwordEncoder();
	}

	/**
	 * The scheduler passwords are checked on ({@code gatehouse.gateway.basic.hashing}); its queue
	 * holds every login the bound on logins in progress lets in, so it never refuses one itself.
	 */
	@Bean(destroyMethod = "dispose")
	Scheduler passwordHashing(BasicAuthProperties properties) {
		return Schedulers.newBoundedElastic(properties.getHashing().getThreads(),
				properties.getHashing().getMaxLogins(), "password-hashing");
	}

	@Bean
	@Order(4)
	SecurityWebFilterChain internalChain(ServerHttpSecurity http, BasicAuthProperties properties,
			PasswordEncoder encoder, LoginThrottle throttle, Scheduler passwordHashing, TlsListener tls,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		BasicProblems problems = new BasicProblems(properties.getRealm(), responses, audit);
		AuthenticationWebFilter basic = new AuthenticationWebFilter(
				new BasicAuthentication(properties, encoder, throttle, passwordHashing, BasicAuthentication.logins(properties)));
		basic.setServerAuthenticationConverter(new ServerHttpBasicAuthenticationConverter());
		basic.setAuthenticationFailureHandler(problems);
		return stateless(http).securityMatcher(new PathPatternParserServerWebExchangeMatcher("/internal/**"))
			.addFilterAt(new HttpsRequiredFilter(tls::port, responses, audit), SecurityWebFiltersOrder.FIRST)
			.addFilterAt(basic, SecurityWebFiltersOrder.HTTP_BASIC)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/internal/**")
				.authenticated()
				.anyExchange()
				.denyAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new CallerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityWebFilterChain notFoundChain(ServerHttpSecurity http, ReactiveProblemResponses responses) {
		NotFoundEntryPoint notFound = new NotFoundEntryPoint(responses);
		return stateless(http).authorizeExchange((exchanges) -> exchanges.anyExchange().denyAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(notFound).accessDeniedHandler(notFound))
			.build();
	}

	private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
	}

}
