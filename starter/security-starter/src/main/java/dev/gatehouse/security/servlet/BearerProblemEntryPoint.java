package dev.gatehouse.security.servlet;

import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.TokenProblems;
import dev.gatehouse.security.TokenProblems.TokenProblem;

/**
 * 401 with the RFC 6750 challenge and a problem body naming what is wrong with the token.
 */
class BearerProblemEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenResolver tokens = new DefaultBearerTokenResolver();

	private final GatehouseSecurityProperties properties;

	private final ProblemResponses responses;

	private final SecurityAudit audit;

	public BearerProblemEntryPoint(GatehouseSecurityProperties properties, ProblemResponses responses,
			SecurityAudit audit) {
		this.properties = properties;
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		TokenProblem problem = TokenProblems.classify(failure, token(request), this.properties);
		this.audit.denied(401, SecurityAudit.reason(problem.type()), null, request.getMethod(), request.getRequestURI(),
				request.getRemoteAddr());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, problem.challenge());
		this.responses.write(request, response, problem.problem().with(problem.detail()));
	}

	/**
	 * The token as sent, or null; a malformed Authorization header still counts as a
	 * token sent, and so does one in the DPoP scheme, which {@code DpopSchemeFilter}
	 * refuses through here.
	 */
	private String token(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
			return authorization.substring(5).trim();
		}
		try {
			return this.tokens.resolve(request);
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}
