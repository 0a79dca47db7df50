package dev.gatehouse.gateway.ratelimit;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.apikey.ApiKeyAuthentication;
import dev.gatehouse.gateway.web.GatewayAttributes;

/**
 * Who pays for a request: a token's client and user ({@code azp}, {@code sub}), an API key's
 * partner, a Basic user, and otherwise the client address as resolved through the trusted proxies
 * ({@code ClientAddressFilter}). Never empty: a token without {@code azp} or {@code sub} falls back
 * to the address rather than sharing one anonymous bucket.
 */
class CallerKeyResolver implements KeyResolver {

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((principal) -> keyFor(principal, exchange))
			.defaultIfEmpty(RateLimitKey.address(GatewayAttributes.clientAddress(exchange)))
			.map(RateLimitKey::encode);
	}

	static RateLimitKey keyFor(Principal principal, ServerWebExchange exchange) {
		if (principal instanceof JwtAuthenticationToken jwt) {
			String client = jwt.getToken().getClaimAsString("azp");
			String subject = jwt.getToken().getSubject();
			if (StringUtils.hasText(client) && StringUtils.hasText(subject)) {
				return RateLimitKey.jwt(client, subject);
			}
		}
		else if (principal instanceof ApiKeyAuthentication key && key.isAuthenticated()) {
			String plan = key.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith("plan:"))
				.map((authority) -> authority.substring("plan:".length()))
				.findFirst()
				.orElse(null);
			return RateLimitKey.partner(key.getName(), plan);
		}
		else if (principal instanceof Authentication authentication && authentication.isAuthenticated()
				&& StringUtils.hasText(authentication.getName())) {
			return RateLimitKey.user(authentication.getName());
		}
		return RateLimitKey.address(GatewayAttributes.clientAddress(exchange));
	}

}
