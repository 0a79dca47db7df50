package dev.gatehouse.security.reactive;

import java.util.Optional;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.security.Problems;
import dev.gatehouse.security.internal.TraceIdentifiers;

/**
 * Writes problem bodies from WebFlux filters and handlers, with the trace id a caller can
 * quote: Micrometer Tracing's when a span is current, else the request's W3C
 * {@code traceparent}, else one made up once per exchange.
 */
public class ReactiveProblemResponses {

	private static final String TRACE_ID = ReactiveProblemResponses.class.getName() + ".traceId";

	private final JsonMapper json;

	private final ObjectProvider<Tracer> tracer;

	public ReactiveProblemResponses(JsonMapper json, ObjectProvider<Tracer> tracer) {
		this.json = json;
		this.tracer = tracer;
	}

	/**
	 * The exchange's trace id: from the server observation Spring attaches to the
	 * exchange (right even where no span is current on the thread, at the end of a
	 * reactive pipeline), else the current span, else the request's {@code traceparent},
	 * else one made up for this exchange.
	 */
	public String traceId(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> (TracingContext) context.get(TracingContext.class))
			.map(TracingContext::getSpan)
			.map((span) -> span.context().traceId())
			.filter(ReactiveProblemResponses::isSampledId)
			.or(() -> Optional.ofNullable(this.tracer.getIfAvailable())
				.map(Tracer::currentSpan)
				.map((span) -> span.context().traceId()))
			.orElseGet(() -> exchange.getAttributes()
				.computeIfAbsent(TRACE_ID,
						(key) -> TraceIdentifiers
							.fromTraceparentOrNew(exchange.getRequest().getHeaders().getFirst("traceparent")))
				.toString());
	}

	/** A no-op span reports an id of zeros. */
	private static boolean isSampledId(String id) {
		return !id.isBlank() && !id.chars().allMatch((c) -> c == '0');
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
