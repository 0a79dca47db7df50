package dev.gatehouse.security.reactive;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.security.Problems;
import dev.gatehouse.security.TraceIdentifiers;

/**
 * Writes problem bodies from WebFlux filters and handlers, with the trace id a caller can quote:
 * Micrometer Tracing's when a span is current, else the request's W3C {@code traceparent}, else one
 * made up once per exchange.
 */
public class ReactiveProblemResponses {

	private static final String TRACE_ID = ReactiveProblemResponses.class.getName() + ".traceId";

	private final JsonMapper json;

	private final ObjectProvider<Tracer> tracer;

	public ReactiveProblemResponses(JsonMapper json, ObjectProvider<Tracer> tracer) {
		this.json = json;
		this.tracer = tracer;
	}

	public String traceId(ServerWebExchange exchange) {
		Tracer current = this.tracer.getIfAvailable();
		if (current != null) {
			Span span = current.currentSpan();
			if (span != null) {
				return span.context().traceId();
			}
		}
		return exchange.getAttributes()
			.computeIfAbsent(TRACE_ID, (key) -> TraceIdentifiers
				.fromTraceparentOrNew(exchange.getRequest().getHeaders().getFirst("traceparent")))
			.toString();
	}

	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		problem.setProperty("traceId", traceId(exchange));
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setRawStatusCode(problem.getStatus());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
		byte[] body = this.json.writeValueAsBytes(Problems.body(problem));
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
