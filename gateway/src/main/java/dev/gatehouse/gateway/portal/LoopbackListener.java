package dev.gatehouse.gateway.portal;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.reactive.context.ReactiveWebServerInitializedEvent;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the portal's API calls go: the gateway's own plain listener on loopback. Its port
 * is known only once the server runs (a random one in tests), so the route's URI gets it
 * per request, after Spring Cloud Gateway has made the request URL from the route.
 */
class LoopbackListener implements ApplicationListener<ReactiveWebServerInitializedEvent> {

	private volatile int port = -1;

	/** The main server's, not the management server's (a child context's event). */
	@Override
	public void onApplicationEvent(ReactiveWebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.port = event.getWebServer().getPort();
		}
	}

	Mono<Void> toLoopback(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI url = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		exchange.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
					UriComponentsBuilder.fromUri(url).port(this.port).build(true).toUri());
		return chain.filter(exchange);
	}

}
