package dev.gatehouse.gateway.portal;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Only the portal's own pages may use its session: a request that names another origin (a
 * page of another origin, the same site included, which the SameSite cookie does not keep
 * out) is refused before the session is read. The gateway's CORS filter lets requests to
 * paths without a CORS configuration through for the browser to judge; this one answers
 * for the portal, comparing with the origin the client addressed (as a trusted proxy
 * states it).
 */
class SameOriginFilter implements WebFilter {

	private final ReactiveProblemResponses problems;

	SameOriginFilter(ReactiveProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
		String own = exchange.getAttribute(GatewayAttributes.PUBLIC_ORIGIN);
		if (origin == null || origin.equalsIgnoreCase(own)) {
			return chain.filter(exchange);
		}
		return this.problems.write(exchange, GatewayProblem.CORS_ORIGIN_NOT_ALLOWED
			.with("The portal answers its own pages only, not pages of origin " + origin + "."));
	}

}
