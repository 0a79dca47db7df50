package dev.gatehouse.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.gateway.partner.PartnerAuthentication;
import dev.gatehouse.gateway.web.GatewayAttributes;

/**
 * Copies the authenticated caller (name, and for partners the credential: API key id or
 * certificate serial) into exchange attributes, where the access log, which runs outside
 * the security chain, can read it.
 */
class CallerRecorder implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter((authentication) -> authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken))
			.doOnNext((authentication) -> record(exchange, authentication))
			.then(chain.filter(exchange));
	}

	private static void record(ServerWebExchange exchange, Authentication authentication) {
		exchange.getAttributes().put(GatewayAttributes.CALLER, authentication.getName());
		if (authentication instanceof PartnerAuthentication partner) {
			exchange.getAttributes().put(GatewayAttributes.CREDENTIAL, partner.credentialId());
		}
	}

}
