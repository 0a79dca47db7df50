package dev.gatehouse.gateway.binding;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.SenderConstraints;

/**
 * Which bindings of a sender-constrained token this request has proven. Each kind of
 * proof has its own filter in the {@code /api/**} chain (the client certificate:
 * {@code CertificateBoundTokenFilter}; a DPoP proof: {@code DpopAuthentication}), which
 * records the confirmation method it checked; {@link UnverifiedBindingFilter} then
 * refuses a token with any method left unchecked, and only a fully checked token is
 * passed on to a backend ({@code VouchForBoundToken}).
 */
public final class VerifiedBindings {

	private VerifiedBindings() {
	}

	/**
	 * Records that this request proved the token's binding by {@code method}, e.g.
	 * {@code x5t#S256}.
	 */
	public static void verified(ServerWebExchange exchange, String method) {
		exchange.getAttributes()
			.computeIfAbsent(GatewayAttributes.VERIFIED_CONFIRMATIONS, (key) -> ConcurrentHashMap.newKeySet());
		Set<String> verified = exchange.getAttribute(GatewayAttributes.VERIFIED_CONFIRMATIONS);
		verified.add(method);
	}

	/** The confirmation methods proven on this request so far. */
	public static Set<String> verified(ServerWebExchange exchange) {
		Set<String> verified = exchange.getAttribute(GatewayAttributes.VERIFIED_CONFIRMATIONS);
		return (verified != null) ? verified : Set.of();
	}

	/**
	 * Whether every binding of the token was proven on this request. A {@code cnf} naming
	 * no method (or not a JSON object) can never be, so it fails closed.
	 */
	public static boolean allVerified(ServerWebExchange exchange, Jwt token) {
		Set<String> methods = SenderConstraints.methods(token);
		Set<String> verified = exchange.getAttribute(GatewayAttributes.VERIFIED_CONFIRMATIONS);
		return !methods.isEmpty() && verified != null && verified.containsAll(methods);
	}

}
