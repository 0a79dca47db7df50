package dev.gatehouse.security.servlet;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;

import dev.gatehouse.security.internal.TraceIdentifiers;

/**
 * The trace id an error body carries, so a caller can quote it and an operator can find
 * the log lines. Taken from Micrometer Tracing when present (it continues the caller's
 * W3C trace context), else from the request's {@code traceparent}, else made up once per
 * request.
 */
class TraceIds {

	private static final String ATTRIBUTE = TraceIds.class.getName();

	private final ObjectProvider<Tracer> tracer;

	public TraceIds(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	public String of(HttpServletRequest request) {
		Tracer current = this.tracer.getIfAvailable();
		if (current != null) {
			Span span = current.currentSpan();
			if (span != null) {
				return span.context().traceId();
			}
		}
		Object known = request.getAttribute(ATTRIBUTE);
		if (known instanceof String id) {
			return id;
		}
		String id = TraceIdentifiers.fromTraceparentOrNew(request.getHeader("traceparent"));
		request.setAttribute(ATTRIBUTE, id);
		return id;
	}

}
