package dev.gatehouse.security.servlet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import dev.gatehouse.security.internal.BearerTokens;

/**
 * Spring Security's bearer token resolver with a fast path for a well-formed
 * {@code Authorization: Bearer <token>} ({@link BearerTokens}); anything else goes to
 * {@link DefaultBearerTokenResolver}, which answers as it always does. Query and form
 * tokens stay off, as in Spring's default, so the fast path sees every token Spring
 * would.
 */
class WellFormedBearerTokenResolver implements BearerTokenResolver {

	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Override
	public String resolve(HttpServletRequest request) {
		String token = BearerTokens.wellFormed(request.getHeader(HttpHeaders.AUTHORIZATION));
		return (token != null) ? token : this.spring.resolve(request);
	}

}
