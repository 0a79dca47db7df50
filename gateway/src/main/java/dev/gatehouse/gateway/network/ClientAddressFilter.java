package dev.gatehouse.gateway.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.gateway.web.FilterOrder;
import dev.gatehouse.gateway.web.GatewayAttributes;

/**
 * Sets the request's remote address to the client's (see {@link ClientAddresses}), so IP
 * rules, audit and access log all see the same address, records the origin the client
 * addressed ({@link PublicOrigin}, for DPoP proofs), and removes every forwarding header
 * the request came with: downstream code never reads a value a client could have written.
 * Behind a trusted proxy the request's URI is moved to that origin too, so what Spring
 * Security builds from it (the portal's sign-in redirect URI, its post-logout redirect,
 * HSTS) names the address the browser uses, not the gateway's internal one. Spring Boot's
 * own forwarded-header support stays off ({@code server.forward-headers-strategy: none})
 * because it trusts such headers from any peer.
 */
class ClientAddressFilter implements WebFilter, Ordered {

	private final ClientAddresses addresses;

	ClientAddressFilter(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public int getOrder() {
		return FilterOrder.CLIENT_ADDRESS;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress remote = request.getRemoteAddress();
		boolean fromTrustedProxy = remote != null && remote.getAddress() != null
				&& this.addresses.isTrustedProxy(remote.getAddress());
		String origin = PublicOrigin.of(request, fromTrustedProxy, GatewayAttributes.overTls(exchange));
		exchange.getAttributes().put(GatewayAttributes.PUBLIC_ORIGIN, origin);
		InetAddress client = null;
		if (remote != null && remote.getAddress() != null) {
			client = this.addresses.client(remote.getAddress(), request.getHeaders());
			exchange.getAttributes().put(GatewayAttributes.CLIENT_ADDRESS, client);
		}
		List<String> forwarding = forwardingHeaders(request.getHeaders());
		if (!fromTrustedProxy && forwarding.isEmpty()) {
			// The peer is the client and there is nothing to remove: mutating the
			// request would only copy every header into a new map.
			return chain.filter(exchange);
		}
		ServerHttpRequest.Builder builder = request.mutate().headers((headers) -> forwarding.forEach(headers::remove));
		if (fromTrustedProxy) {
			builder.uri(onOrigin(request.getURI(), origin));
			builder.remoteAddress(new InetSocketAddress(client, remote.getPort()));
		}
		return chain.filter(exchange.mutate().request(builder.build()).build());
	}

	/** The same path and query on another origin; the request's own if that fails. */
	static URI onOrigin(URI uri, String origin) {
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		try {
			return URI.create(origin + uri.getRawPath() + query);
		}
		catch (IllegalArgumentException ex) {
			return uri;
		}
	}

	static List<String> forwardingHeaders(HttpHeaders headers) {
		return headers.headerNames().stream().filter((name) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			return lower.equals("forwarded") || lower.startsWith("x-forwarded-") || lower.equals("x-real-ip");
		}).toList();
	}

}
