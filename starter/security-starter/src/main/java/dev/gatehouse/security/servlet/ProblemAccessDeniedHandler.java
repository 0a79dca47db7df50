package dev.gatehouse.security.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.gatehouse.security.internal.AccessDenials;
import dev.gatehouse.security.Challenges;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.StarterProblem;
import dev.gatehouse.security.SecurityAudit;

/**
 * 403 for a valid token without the role a route needs: {@code insufficient_scope} and a
 * problem body that names the roles needed, so the caller knows which role to ask for.
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ProblemResponses responses;

	private final SecurityAudit audit;

	public ProblemAccessDeniedHandler(ProblemResponses responses, SecurityAudit audit) {
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		String detail = AccessDenials.detail(request.getMethod() + " " + request.getRequestURI(), denied, caller);
		this.audit.denied(403, SecurityAudit.reason(Problems.INSUFFICIENT_SCOPE),
				(caller != null) ? caller.getName() : null, request.getMethod(), request.getRequestURI(),
				request.getRemoteAddr());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, Challenges.insufficientScope(detail));
		this.responses.write(request, response, StarterProblem.INSUFFICIENT_SCOPE.with(detail));
	}

}
