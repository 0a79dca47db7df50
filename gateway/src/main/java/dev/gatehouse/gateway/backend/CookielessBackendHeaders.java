package dev.gatehouse.gateway.backend;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The backends take no cookies: a browser sends the portal's session cookie (path /) on
 * {@code /api/**} too, and it must go no further than the gateway. Dropped from the
 * headers of every proxied request, as Spring Cloud Gateway builds them for the HTTP
 * client, rather than by a default route filter ({@code RemoveRequestHeader=Cookie}),
 * which copied every header of every request into a new map, cookie or not
 * (docs/performance.md).
 */
class CookielessBackendHeaders implements HttpHeadersFilter {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		if (!input.containsHeader(HttpHeaders.COOKIE)) {
			return input;
		}
		HttpHeaders filtered = new HttpHeaders();
		filtered.addAll(input);
		filtered.remove(HttpHeaders.COOKIE);
		return filtered;
	}

}
