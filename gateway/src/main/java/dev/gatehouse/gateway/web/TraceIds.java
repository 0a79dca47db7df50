package dev.gatehouse.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The trace id of an exchange, read from the server observation Spring attaches to it, so it is
 * right also where no span is current on the thread (at the end of a reactive pipeline).
 */
public class TraceIds {

	private final ReactiveProblemResponses responses;

	public TraceIds(ReactiveProblemResponses responses) {
		this.responses = responses;
	}

	public String of(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> (TracingContext) context.get(TracingContext.class))
			.map(TracingContext::getSpan)
			.map(Span::context)
			.map((context) -> context.traceId())
			.filter((id) -> !id.isBlank() && !id.chars().allMatch((c) -> c == '0'))
			.orElseGet(() -> this.responses.traceId(exchange));
	}

}
