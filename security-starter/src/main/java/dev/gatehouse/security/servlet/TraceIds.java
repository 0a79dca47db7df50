package dev.gatehouse.security.servlet;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The trace id an error body carries, so a caller can quote it and an operator can find the log
 * lines. Taken from Micrometer Tracing when present (it continues the caller's W3C trace context),
 * else from the request's {@code traceparent}, else made up once per request.
 */
public class TraceIds {

	private static final String ATTRIBUTE = TraceIds.class.getName();

	private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

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
		String header = request.getHeader("traceparent");
		var match = (header != null) ? TRACEPARENT.matcher(header) : null;
		String id = (match != null && match.matches()) ? match.group(1) : random();
		request.setAttribute(ATTRIBUTE, id);
		return id;
	}

	private static String random() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
