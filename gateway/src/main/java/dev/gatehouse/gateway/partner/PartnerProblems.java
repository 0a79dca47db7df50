package dev.gatehouse.gateway.partner;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * What the partner routes answer, whichever credential the partner uses: each kind says
 * why its credential is missing or refused (401); this answers a valid credential on a
 * route it does not cover, or a method other than GET (403), and writes the audit line of
 * every refusal.
 */
public abstract class PartnerProblems
		implements ServerAuthenticationEntryPoint, ServerAuthenticationFailureHandler, ServerAccessDeniedHandler {

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	private final Class<? extends PartnerAuthentication> kind;

	private final GatewayProblem routeNotCovered;

	protected PartnerProblems(ReactiveProblemResponses responses, SecurityAudit audit,
			Class<? extends PartnerAuthentication> kind, GatewayProblem routeNotCovered) {
		this.responses = responses;
		this.audit = audit;
		this.kind = kind;
		this.routeNotCovered = routeNotCovered;
	}

	/** How a detail names the credential, e.g. "The API key 'acme-demo'". */
	protected abstract String describe(PartnerAuthentication credential);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		ServerHttpRequest request = exchange.getRequest();
		String route = request.getMethod().name() + " " + request.getPath().value();
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(this.kind::isInstance)
			.map(PartnerAuthentication.class::cast)
			.map((partner) -> {
				audit(exchange, this.routeNotCovered, partner.credentialId());
				String detail = (request.getMethod() != HttpMethod.GET)
						? "The partner API is read-only: " + route + " is not accepted, only GET."
						: describe(partner) + " does not cover " + route + "; it covers " + partner.routes() + ".";
				return this.routeNotCovered.with(detail);
			})
			.defaultIfEmpty(this.routeNotCovered.with("This route is not open to the presented credentials."))
			.flatMap((problem) -> write(exchange, problem));
	}

	protected Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		return this.responses.write(exchange, problem);
	}

	protected void audit(ServerWebExchange exchange, GatewayProblem problem, String credential) {
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(problem.status().value(), SecurityAudit.reason(problem.type()), credential,
				request.getMethod().name(), request.getPath().value(), GatewayAttributes.clientAddress(exchange));
	}

}
