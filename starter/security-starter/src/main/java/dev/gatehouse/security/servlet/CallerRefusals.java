package dev.gatehouse.security.servlet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;

import dev.gatehouse.security.Challenges;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.StarterProblem;
import dev.gatehouse.security.SecurityAudit;

/**
 * A 403 that a controller decides (from the data or the kind of caller, where a route
 * rule cannot), answered and audited exactly like a route rule's:
 * {@code insufficient_scope} and the problem type {@code insufficient-scope}.
 */
public class CallerRefusals {

	private final SecurityAudit audit;

	public CallerRefusals(SecurityAudit audit) {
		this.audit = audit;
	}

	/**
	 * @param detail what the caller may not do and what would allow it
	 */
	public ErrorResponseException forbidden(HttpServletRequest request, Authentication caller, String detail) {
		this.audit.denied(403, SecurityAudit.reason(Problems.INSUFFICIENT_SCOPE),
				(caller != null) ? caller.getName() : null, request.getMethod(), request.getRequestURI(),
				request.getRemoteAddr());
		ErrorResponseException denied = new ErrorResponseException(HttpStatus.FORBIDDEN,
				StarterProblem.INSUFFICIENT_SCOPE.with(detail), null);
		denied.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, Challenges.insufficientScope(detail));
		return denied;
	}

}
