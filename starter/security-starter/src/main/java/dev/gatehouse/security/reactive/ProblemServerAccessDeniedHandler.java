package dev.gatehouse.security.reactive;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.security.internal.AccessDenials;
import dev.gatehouse.security.Challenges;
import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.StarterProblem;
import dev.gatehouse.security.SecurityAudit;

/**
 * The reactive twin of the servlet 403 handler: insufficient_scope and the roles the
 * route needs.
 */
class ProblemServerAccessDeniedHandler implements ServerAccessDeniedHandler {

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	private final GatehouseSecurityProperties properties;

	public ProblemServerAccessDeniedHandler(GatehouseSecurityProperties properties, ReactiveProblemResponses responses,
			SecurityAudit audit) {
		this.properties = properties;
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((caller) -> {
				ServerHttpRequest request = exchange.getRequest();
				String route = request.getMethod().name() + " " + request.getPath().value();
				String detail = AccessDenials.detail(route, ReactiveAccessRules.required(request, this.properties),
						caller.orElse(null));
				this.audit.denied(403, SecurityAudit.reason(Problems.INSUFFICIENT_SCOPE),
						caller.map(Authentication::getName).orElse(null), request.getMethod().name(),
						request.getPath().value(), ReactiveRequests.clientAddress(exchange));
				exchange.getResponse()
					.getHeaders()
					.set(HttpHeaders.WWW_AUTHENTICATE, Challenges.insufficientScope(detail));
				return this.responses.write(exchange, StarterProblem.INSUFFICIENT_SCOPE.with(detail));
			});
	}

}
