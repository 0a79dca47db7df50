package dev.gatehouse.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Gives {@code RequestRateLimiter}'s refusals a problem body. That filter completes a
 * refused response without a body and passes the limiter nothing but a route and a key;
 * so the exchange goes to the limiter in the Reactor context, the limiter leaves the
 * problem of its refusal in an exchange attribute ({@link GatehouseRateLimiter#REFUSAL}),
 * and this decorator writes it when the response is completed (503 for fail-closed routes
 * while the store is down, else 429).
 */
class RateLimitProblemFilter implements GlobalFilter, Ordered {

	private final ReactiveProblemResponses problems;

	RateLimitProblemFilter(ReactiveProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		// Before the route filters, among them RequestRateLimiter.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerWebExchange[] decorated = new ServerWebExchange[1];
		ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {

			@Override
			public Mono<Void> setComplete() {
				ProblemDetail refusal = exchange.getAttribute(GatehouseRateLimiter.REFUSAL);
				return (refusal != null) ? RateLimitProblemFilter.this.problems.write(decorated[0], refusal)
						: super.setComplete();
			}

		};
		decorated[0] = exchange.mutate().response(response).build();
		return chain.filter(decorated[0])
			.contextWrite(
					(context) -> context.put(ServerWebExchangeContextFilter.EXCHANGE_CONTEXT_ATTRIBUTE, decorated[0]));
	}

}
