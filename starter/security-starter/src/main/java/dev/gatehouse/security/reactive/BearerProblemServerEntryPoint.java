package dev.gatehouse.security.reactive;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.TokenProblems;
import dev.gatehouse.security.TokenProblems.TokenProblem;

/**
 * The reactive twin of the servlet entry point: 401, RFC 6750 challenge, problem naming
 * the cause.
 */
class BearerProblemServerEntryPoint implements ServerAuthenticationEntryPoint {

	private final GatehouseSecurityProperties properties;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	public BearerProblemServerEntryPoint(GatehouseSecurityProperties properties, ReactiveProblemResponses responses,
			SecurityAudit audit) {
		this.properties = properties;
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		TokenProblem problem = TokenProblems.classify(failure, token(exchange), this.properties);
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(401, SecurityAudit.reason(problem.type()), null, request.getMethod().name(),
				request.getPath().value(), ReactiveRequests.clientAddress(exchange));
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, problem.challenge());
		return this.responses.write(exchange, problem.problem().with(problem.detail()));
	}

	/** The bearer token as sent, or null when the request carried none. */
	static String token(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
			return null;
		}
		return header.substring(6).trim();
	}

}
