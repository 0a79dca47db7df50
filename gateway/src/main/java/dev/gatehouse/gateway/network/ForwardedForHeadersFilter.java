package dev.gatehouse.gateway.network;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.web.GatewayAttributes;

/**
 * Tells the backend the verified client address and scheme. Runs after Spring Cloud
 * Gateway's own filters, which (with its {@code trusted-proxies} left unset) remove every
 * incoming {@code Forwarded} and {@code X-Forwarded-*} header.
 */
class ForwardedForHeadersFilter implements HttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(input);
		headers.set("X-Forwarded-For", GatewayAttributes.clientAddress(exchange));
		headers.set("X-Forwarded-Proto", GatewayAttributes.overTls(exchange) ? "https" : "http");
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	@Override
	public int getOrder() {
		return 100;
	}

}
