package dev.gatehouse.security.reactive;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/** Request facts the audit log records. */
final class ReactiveRequests {

	private ReactiveRequests() {
	}

	/**
	 * The peer address. Behind trusted proxies the gateway's forwarded-header handling
	 * has already replaced it with the client's.
	 */
	static String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
