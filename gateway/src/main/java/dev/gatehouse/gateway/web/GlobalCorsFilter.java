package dev.gatehouse.gateway.web;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * CORS from Spring Cloud Gateway's {@code globalcors} configuration, applied ahead of
 * Spring Security: a preflight is answered here without credentials (browsers never send
 * them on one), and a request from an origin that is not configured is refused with a
 * problem and no CORS headers. Spring's {@link DefaultCorsProcessor} makes the decisions.
 */
class GlobalCorsFilter implements WebFilter, Ordered {

	private final UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource(new PathPatternParser());

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final ReactiveProblemResponses responses;

	GlobalCorsFilter(Map<String, CorsConfiguration> configurations, ReactiveProblemResponses responses) {
		this.source.setCorsConfigurations(configurations);
		this.responses = responses;
	}

	@Override
	public int getOrder() {
		return FilterOrder.CORS;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!CorsUtils.isCorsRequest(request)) {
			return chain.filter(exchange);
		}
		CorsConfiguration configuration = this.source.getCorsConfiguration(exchange);
		if (!this.processor.process(configuration, exchange)
				|| (configuration == null && CorsUtils.isPreFlightRequest(request))) {
			return this.responses.write(exchange, GatewayProblem.CORS_ORIGIN_NOT_ALLOWED
				.with("Browser calls from origin " + request.getHeaders().getOrigin()
						+ " are not allowed for this path, or the method or headers are not; ask the API owner to add the origin."));
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			return Mono.empty();
		}
		return chain.filter(exchange);
	}

}
