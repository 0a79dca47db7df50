package dev.gatehouse.gateway.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * One JSON line per request on the {@code gatehouse.access} logger: when, trace id,
 * method, path (never the query string, where a misplaced key would sit), route, caller
 * or key id, client address, listener, status and latency. Never a header value, token,
 * key or password.
 * <p>
 * It is the outermost filter and turns errors into problem responses itself, through the
 * same handler Spring would call later, so the status it logs is the status the client
 * gets.
 */
class AccessLogFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger("gatehouse.access");

	/**
	 * Status logged when the client went away before an answer was written (nginx's
	 * convention).
	 */
	private static final int CLIENT_CLOSED = 499;

	private final ProblemErrorHandler errors;

	private final ReactiveProblemResponses responses;

	private final JsonMapper json;

	AccessLogFilter(ProblemErrorHandler errors, ReactiveProblemResponses responses, JsonMapper json) {
		this.errors = errors;
		this.responses = responses;
		this.json = json;
	}

	@Override
	public int getOrder() {
		return FilterOrder.ACCESS_LOG;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		return chain.filter(exchange)
			.onErrorResume((error) -> this.errors.handle(exchange, error))
			.doFinally((signal) -> log(exchange, signal, start));
	}

	private void log(ServerWebExchange exchange, SignalType signal, long start) {
		if (!log.isInfoEnabled()) {
			return;
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		int code = (signal == SignalType.CANCEL && !exchange.getResponse().isCommitted()) ? CLIENT_CLOSED
				: (status != null) ? status.value() : 200;
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("timestamp", Instant.now().toString());
		line.put("type", "access");
		line.put("traceId", this.responses.traceId(exchange));
		line.put("method", exchange.getRequest().getMethod().name());
		line.put("path", exchange.getRequest().getPath().value());
		line.put("route", (route != null) ? route.getId() : null);
		line.put("status", code);
		line.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
		line.put("principal", exchange.getAttribute(GatewayAttributes.CALLER));
		line.put("credential", exchange.getAttribute(GatewayAttributes.CREDENTIAL));
		line.put("client", GatewayAttributes.clientAddress(exchange));
		line.put("listener", GatewayAttributes.overTls(exchange) ? "https" : "http");
		log.info(this.json.writeValueAsString(line));
	}

}
