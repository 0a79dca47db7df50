package dev.gatehouse.security.servlet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SenderConstraints;

/**
 * Refuses {@code Authorization: DPoP} at a service. Spring Security's servlet resource
 * server checks DPoP proofs itself (since 6.5) and answers a failure with a bare
 * challenge and no body; but a service behind the gateway never accepts a DPoP-bound
 * token from a client (the proof is for the gateway's URL; the gateway vouches for the
 * token instead), so the scheme is answered here first, as the starter answers every
 * token: the token's own fault if it has one (expired, another issuer, ...), else 401
 * {@code unverifiable-token-binding}, with a problem body.
 */
class DpopSchemeFilter extends OncePerRequestFilter {

	private static final String SCHEME = "DPoP ";

	private final JwtDecoder decoder;

	private final AuthenticationFailureHandler failures;

	/**
	 * @param decoder the service's decoder that refuses sender-constrained tokens
	 */
	DpopSchemeFilter(JwtDecoder decoder, AuthenticationFailureHandler failures) {
		this.decoder = decoder;
		this.failures = failures;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			chain.doFilter(request, response);
			return;
		}
		try {
			this.decoder.decode(authorization.substring(SCHEME.length()).trim());
			this.failures.onAuthenticationFailure(request, response, SenderConstraints.failure(
					Problems.UNVERIFIABLE_TOKEN_BINDING,
					"This service does not check DPoP proofs: call the API through "
							+ "the gateway, which does, or send a token that is not DPoP-bound as 'Authorization: Bearer'."));
		}
		catch (BadJwtException ex) {
			this.failures.onAuthenticationFailure(request, response,
					new InvalidBearerTokenException(ex.getMessage(), ex));
		}
		catch (JwtException ex) {
			// The issuer's keys could not be fetched: as for a Bearer token, 503.
			this.failures.onAuthenticationFailure(request, response,
					new AuthenticationServiceException(ex.getMessage(), ex));
		}
	}

}
