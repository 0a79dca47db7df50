package dev.gatehouse.gateway.ratelimit;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.partner.PartnerAuthentication;
import dev.gatehouse.gateway.web.GatewayAttributes;

/**
 * Who pays for a request: a token's client and user ({@code azp}, {@code sub}), a partner
 * (by API key or client certificate: one budget per partner), a Basic user, and otherwise
 * the client address as resolved through the trusted proxies
 * ({@code ClientAddressFilter}). Never empty: a token without {@code azp} or {@code sub}
 * falls back to the address rather than sharing one anonymous bucket.
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
		else if (principal instanceof PartnerAuthentication partner && partner.isAuthenticated()) {
			return RateLimitKey.partner(partner.getName(), partner.plan());
		}
		else if (principal instanceof Authentication authentication && authentication.isAuthenticated()
				&& StringUtils.hasText(authentication.getName())) {
			return RateLimitKey.user(authentication.getName());
		}
		return RateLimitKey.address(GatewayAttributes.clientAddress(exchange));
	}

}
