package dev.gatehouse.gateway.security;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * Matches requests that arrived on the actuator's own port (the security filter also runs there).
 * The port is learnt when the management server starts, so a random port in tests works too.
 */
class ManagementPortMatcher implements ApplicationListener<WebServerInitializedEvent>, ServerWebExchangeMatcher {

	private volatile int port = -1;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			this.port = event.getWebServer().getPort();
		}
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		return (this.port > 0 && local != null && local.getPort() == this.port) ? MatchResult.match()
				: MatchResult.notMatch();
	}

}
