package dev.gatehouse.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.WebFilter;

/**
 * What every security chain of the gateway shares: its place in the order, the contract's
 * route table from top to bottom, and its stateless base. Each feature package declares
 * its own chain with these; a request goes to the first chain whose matcher takes it, and
 * a path no chain takes ends in the 404 chain, so it can never reach a route
 * unauthenticated.
 */
public final class SecurityChains {

	/** Actuator, on the management port only. */
	public static final int MANAGEMENT = 0;

	/** {@code /api/**}: Bearer and DPoP access tokens. */
	public static final int ACCESS_TOKENS = 1;

	/** {@code /partner/v1/**}: API keys. */
	public static final int API_KEYS = 2;

	/** {@code /partner/mtls/**}: client certificates over TLS. */
	public static final int CLIENT_CERTIFICATES = 3;

	/** {@code /internal/**}: HTTP Basic over TLS. */
	public static final int BASIC = 4;

	/** {@code GET /api-docs} and {@code /api-docs/<service>}: open, read-only. */
	public static final int API_DOCS = 5;

	/**
	 * {@code /portal/api/keys/**}: the partner key API, by bearer token (ahead of the
	 * portal's chain, which would otherwise take these paths too).
	 */
	public static final int PARTNER_KEYS = 6;

	/**
	 * {@code /portal/**} and its sign-in: the developer portal, the one chain with a
	 * session (a cookie), which authenticates nothing outside these paths.
	 */
	public static final int PORTAL = 7;

	/** Everything else: 404. */
	public static final int NOT_FOUND = Ordered.LOWEST_PRECEDENCE;

	private SecurityChains() {
	}

	/**
	 * No session, no saved request, no CSRF (no cookies are accepted as credentials), no
	 * form or Basic login unless a chain adds its own, and no header writers: response
	 * headers are written by a filter ahead of the chains.
	 */
	public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.headers(ServerHttpSecurity.HeaderSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
	}

	/**
	 * For the {@code AUTHORIZATION} position of every chain that authenticates: records
	 * the caller for the access log.
	 */
	public static WebFilter callerRecorder() {
		return new CallerRecorder();
	}

}
