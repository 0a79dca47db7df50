package dev.gatehouse.gateway.portal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.TokenRelayGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.security.SecurityChains;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The developer portal at {@code /portal/}: a backend for frontend. The gateway is the
 * OAuth2 client {@code gatehouse-portal} (Authorization Code with PKCE, confidential);
 * the tokens stay in the server-side session, and the browser holds only the session
 * cookie (HttpOnly, SameSite=Lax, Secure on the TLS listener). The portal's pages call
 * the API at {@code /portal/api/**} with that cookie and a CSRF token; the gateway relays
 * the person's access token ({@code TokenRelay}) to its own {@code /api/**}, which checks
 * it as it checks any Bearer token; {@code /portal/keys/**} likewise reaches the key API
 * of partner administrators. {@code /api/**} itself never reads the session: its chain is
 * stateless.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class PortalConfiguration {

	/**
	 * The registration's id, the last segment of the redirect URI registered in the realm
	 * ({@code /login/oauth2/code/gatehouse}).
	 */
	static final String REGISTRATION = "gatehouse";

	static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;

	static final String CALLBACK = "/login/oauth2/code/" + REGISTRATION;

	static final String LOGOUT = "/portal/logout";

	static final String CSRF_HEADER = "X-CSRF-TOKEN";

	/** The page's way to its partner's keys (route {@code portal-keys}). */
	static final String KEYS = "/portal/keys";

	/**
	 * Boot's repository with one addition: the portal's provider is given its issuer and
	 * end-session endpoint, which Boot takes only from discovery at start-up (the gateway
	 * must start while Keycloak is down, and the internal and public addresses of
	 * Keycloak differ in compose and Kubernetes). The issuer makes the ID token's
	 * {@code iss} checked; the end-session endpoint makes logout end the Keycloak session
	 * (RP-initiated logout).
	 */
	@Bean
	InMemoryReactiveClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties,
			Environment environment) {
		String issuer = environment.getRequiredProperty("gatehouse.security.issuer-uri");
		List<ClientRegistration> registrations = new OAuth2ClientPropertiesMapper(properties).asClientRegistrations()
			.values()
			.stream()
			.map((registration) -> registration.getRegistrationId().equals(REGISTRATION)
					? ClientRegistration.withClientRegistration(registration)
						.issuerUri(issuer)
						.providerConfigurationMetadata(
								Map.of("end_session_endpoint", issuer + "/protocol/openid-connect/logout"))
						.build()
					: registration)
			.toList();
		return new InMemoryReactiveClientRegistrationRepository(registrations);
	}

	/** The tokens of a signed-in person live in their session (so in Redis with it). */
	@Bean
	ServerOAuth2AuthorizedClientRepository portalAuthorizedClients() {
		return new WebSessionServerOAuth2AuthorizedClientRepository();
	}

	@Bean
	@Order(SecurityChains.PORTAL)
	SecurityWebFilterChain portalChain(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
			ServerOAuth2AuthorizedClientRepository authorizedClients, ReactiveProblemResponses problems) {
		DefaultServerOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultServerOAuth2AuthorizationRequestResolver(
				registrations);
		// Keycloak requires PKCE of this client too (pkce.code.challenge.method S256).
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedServerLogoutSuccessHandler logout = new OidcClientInitiatedServerLogoutSuccessHandler(
				registrations);
		logout.setPostLogoutRedirectUri("{baseUrl}/portal/");
		// The page signs out with a fetch carrying the CSRF header, then goes where this
		// names (Keycloak's end-session endpoint); a redirect would be followed by fetch
		// itself, cross-origin.
		logout.setRedirectStrategy((exchange, location) -> {
			exchange.getResponse().setStatusCode(HttpStatus.OK);
			exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
			exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
			byte[] body = ("{\"location\":\"" + location.toASCIIString() + "\"}").getBytes(StandardCharsets.US_ASCII);
			return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
		});
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
						ServerWebExchangeMatchers.pathMatchers("/portal/api/**", "/portal/session", KEYS, KEYS + "/**"),
						(exchange, failure) -> problems.write(exchange, GatewayProblem.PORTAL_SIGN_IN_REQUIRED
							.with("Sign in to the portal first, at " + SIGN_IN + "."))));
		entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(SIGN_IN));
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/portal", "/portal/**", SIGN_IN, CALLBACK))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, PortalPages.PUBLIC)
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2Login((login) -> login.authorizationRequestResolver(authorizationRequests)
				.authorizedClientRepository(authorizedClients)
				.authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/portal/"))
				.authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler("/portal/?error")))
			.logout((out) -> out.logoutUrl(LOGOUT).logoutSuccessHandler(logout))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			// Spring Security's CSRF token, kept in the session and read by the portal's
			// page from /portal/session, sent back in X-CSRF-TOKEN on every write.
			.csrf((csrf) -> csrf.accessDeniedHandler((exchange, denied) -> problems.write(exchange,
					GatewayProblem.PORTAL_CSRF_REFUSED.with("The request lacks the portal's CSRF token (header "
							+ CSRF_HEADER + ") or it is not this session's; reload the portal page and try again."))))
			// Scripts of its own only, none inline: an injected script does not run.
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"))
				// The page's writes must name its origin (SameOriginFilter); no-referrer
				// would make the browser send "null" instead.
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.addFilterAt(new SameOriginFilter(problems), SecurityWebFiltersOrder.FIRST)
			.addFilterBefore(SecurityChains.callerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

	@Bean
	RouterFunction<ServerResponse> portalPages() {
		return PortalPages.routes();
	}

	@Bean
	LoopbackListener portalLoopback() {
		return new LoopbackListener();
	}

	/**
	 * {@code /portal/api/<rest>} is {@code /api/<rest>} called with the signed-in
	 * person's access token: {@code TokenRelay} takes it from the session (refreshing it
	 * when it has expired) and the request goes to the gateway's own plain listener on
	 * loopback, so the portal's calls meet exactly the checks, limits and refusals any
	 * Bearer call meets. The session cookie, the CSRF token and the browser's origin stay
	 * here: {@code /api/**} and the services never see them.
	 */
	@Bean
	RouteLocator portalApiRoute(RouteLocatorBuilder routes, ReactiveClientRegistrationRepository registrations,
			ServerOAuth2AuthorizedClientRepository authorizedClients, LoopbackListener loopback) {
		DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(
				ReactiveOAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		// Not the context's manager: that one is the gateway's own (client credentials).
		ObjectProvider<ReactiveOAuth2AuthorizedClientManager> portalManager = new StaticListableBeanFactory(
				Map.of("portalAuthorizedClientManager", manager))
			.getBeanProvider(ReactiveOAuth2AuthorizedClientManager.class);
		TokenRelayGatewayFilterFactory tokenRelay = new TokenRelayGatewayFilterFactory(portalManager);
		return routes.routes()
			.route("portal-api", (route) -> route.path("/portal/api/**")
				.filters((filters) -> relayed(filters, tokenRelay, "/portal/api/(?<rest>.*)", "/api/${rest}", loopback))
				.uri("http://127.0.0.1"))
			// The page manages its partner's keys through the key API of bearer callers,
			// /portal/api/keys (ApiKeyConfiguration), with the person's access token: the
			// role partner-admin and the partner are read from that token by the chain
			// and checks every bearer caller meets (the ID token in the session carries
			// no realm roles), while this chain holds the session, the CSRF token on
			// writes and the page's origin. One way of checking key administrators, none
			// written for the session.
			.route("portal-keys",
					(route) -> route.path(KEYS, KEYS + "/**")
						.filters((filters) -> relayed(filters, tokenRelay, KEYS + "(?<rest>.*)",
								"/portal/api/keys${rest}", loopback))
						.uri("http://127.0.0.1"))
			.build();
	}

	/**
	 * The request with the person's access token, on the gateway's own listener, without
	 * what belongs to the page: its cookie, CSRF token and origin.
	 */
	private static GatewayFilterSpec relayed(GatewayFilterSpec filters, TokenRelayGatewayFilterFactory tokenRelay,
			String from, String to, LoopbackListener loopback) {
		return filters.filter(tokenRelay.apply())
			.rewritePath(from, to)
			.removeRequestHeader(HttpHeaders.COOKIE)
			.removeRequestHeader(HttpHeaders.ORIGIN)
			.removeRequestHeader(CSRF_HEADER)
			.filter(new OrderedGatewayFilter(loopback::toLoopback,
					RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1));
	}

}
