package dev.gatehouse.security.reactive;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.security.internal.BearerTokens;

/**
 * Spring Security's bearer token converter with a fast path for a well-formed
 * {@code Authorization: Bearer <token>} ({@link BearerTokens}); anything else (no header,
 * another scheme, a malformed token) goes to
 * {@link ServerBearerTokenAuthenticationConverter}, which answers as it always does. The
 * fast path also skips Spring's merge of three token sources: query and form tokens stay
 * off, as in Spring's default.
 */
public class WellFormedBearerTokenConverter implements ServerAuthenticationConverter {

	private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String token = BearerTokens.wellFormed(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		return (token != null) ? Mono.just(new BearerTokenAuthenticationToken(token)) : this.spring.convert(exchange);
	}

}
