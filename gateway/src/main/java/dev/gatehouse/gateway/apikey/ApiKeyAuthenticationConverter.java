package dev.gatehouse.gateway.apikey;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the key from the {@code x-api-key} header. A key in the query string was already
 * refused, on every route, by {@code RequestHygieneFilter}.
 */
public class ApiKeyAuthenticationConverter implements ServerAuthenticationConverter {

	public static final String HEADER = "x-api-key";

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String key = exchange.getRequest().getHeaders().getFirst(HEADER);
		if (key == null || key.isBlank()) {
			return Mono.empty();
		}
		return Mono.just(ApiKeyAuthentication.unauthenticated(key.trim()));
	}

}
