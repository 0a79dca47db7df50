package dev.gatehouse.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblems;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Gives {@code RequestRateLimiter}'s refusals a problem body. The filter completes a refused
 * response without a body; the limiter left the problem's type and detail in internal headers,
 * which this decorator turns into the body (503 for fail-closed routes while the store is down,
 * else 429). The internal headers never leave the gateway.
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
				String type = getHeaders().getFirst(GatehouseRateLimiter.REFUSAL_TYPE);
				if (type == null) {
					return super.setComplete();
				}
				String detail = getHeaders().getFirst(GatehouseRateLimiter.REFUSAL_DETAIL);
				removeInternalHeaders(getHeaders());
				return RateLimitProblemFilter.this.problems.write(decorated[0], problem(type, detail));
			}

		};
		response.beforeCommit(() -> {
			removeInternalHeaders(response.getHeaders());
			return Mono.empty();
		});
		decorated[0] = exchange.mutate().response(response).build();
		return chain.filter(decorated[0]);
	}

	private static void removeInternalHeaders(HttpHeaders headers) {
		headers.remove(GatehouseRateLimiter.REFUSAL_TYPE);
		headers.remove(GatehouseRateLimiter.REFUSAL_DETAIL);
	}

	static ProblemDetail problem(String type, String detail) {
		if (GatewayProblems.RATE_LIMIT_UNAVAILABLE.equals(type)) {
			return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, type, "Rate limit unavailable", detail);
		}
		String title = GatewayProblems.QUOTA_EXCEEDED.equals(type) ? "Quota exceeded" : "Rate limit exceeded";
		return Problems.problem(HttpStatus.TOO_MANY_REQUESTS, type, title, detail);
	}

}
