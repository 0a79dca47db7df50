package dev.gatehouse.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Spring Security's strict firewall refuses paths that are not in canonical form (dot
 * segments, encoded dots or slashes, backslashes, {@code ;}, {@code //}, encoded percent,
 * control characters): the trick requests that would match one route here and another at
 * the backend. This writes its refusal as a 400 problem.
 */
class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	ProblemExchangeRejectedHandler(ReactiveProblemResponses responses, SecurityAudit audit) {
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
		this.audit.denied(400, SecurityAudit.reason(GatewayProblem.REQUEST_NOT_CANONICAL.type()), null,
				exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
				GatewayAttributes.clientAddress(exchange));
		return this.responses.write(exchange, GatewayProblem.REQUEST_NOT_CANONICAL
			.with("The request was refused: its path or headers contain a sequence this gateway does not accept (dot segments, "
					+ "encoded slashes or dots, backslashes, ';', '//' or control characters). Send the plain path."));
	}

}
