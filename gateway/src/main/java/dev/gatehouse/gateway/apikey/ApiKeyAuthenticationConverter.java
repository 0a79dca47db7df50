package dev.gatehouse.gateway.apikey;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the key from the {@code x-api-key} header. A key in the query string is refused before it
 * is looked at: URLs end up in browser histories, proxy and server logs, so that key must be
 * considered leaked.
 */
public class ApiKeyAuthenticationConverter implements ServerAuthenticationConverter {

	public static final String HEADER = "x-api-key";

	private final List<String> queryParameterNames;

	public ApiKeyAuthenticationConverter(List<String> queryParameterNames) {
		this.queryParameterNames = queryParameterNames.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList();
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		boolean inQuery = exchange.getRequest()
			.getQueryParams()
			.keySet()
			.stream()
			.anyMatch((name) -> this.queryParameterNames.contains(name.toLowerCase(Locale.ROOT)));
		if (inQuery) {
			return Mono.error(new ApiKeyException(ApiKeyException.Reason.IN_QUERY, null, null));
		}
		String key = exchange.getRequest().getHeaders().getFirst(HEADER);
		if (key == null || key.isBlank()) {
			return Mono.empty();
		}
		return Mono.just(ApiKeyAuthentication.unauthenticated(key.trim()));
	}

}
