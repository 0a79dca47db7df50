package dev.gatehouse.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The answer for every path outside the published prefixes: 404, without asking for
 * credentials.
 */
class NotFoundEntryPoint implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ReactiveProblemResponses responses;

	NotFoundEntryPoint(ReactiveProblemResponses responses) {
		this.responses = responses;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		return notFound(exchange);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return notFound(exchange);
	}

	private Mono<Void> notFound(ServerWebExchange exchange) {
		return this.responses.write(exchange, GatewayProblem.notFound(exchange.getRequest().getPath().value()));
	}

}
