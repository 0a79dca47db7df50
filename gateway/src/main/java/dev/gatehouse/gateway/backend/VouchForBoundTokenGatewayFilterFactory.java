package dev.gatehouse.gateway.backend;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.binding.VerifiedBindings;
import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.security.SenderConstraints;

/**
 * {@code VouchForBoundToken} (a default filter of every route): a sender-constrained
 * token ({@code cnf}) whose binding the gateway verified is passed on in
 * {@code X-Gatehouse-Bound-Token}, with the gateway's own token in {@code Authorization}
 * vouching for that check. The backends refuse such a token in {@code Authorization}
 * (they never see the client's certificate or DPoP proof, so a stolen bound token sent to
 * them directly must fail), validate it again in the header, and make it the caller, with
 * its own roles and claims (a partner system's {@code partner}).
 * <p>
 * Why not call the backend with the gateway's token and the caller in identity headers
 * only, as for API keys: a bound token can be any caller's (a user's, with roles), and
 * the backend would then take the roles on the gateway's word too; here it checks
 * everything but the proof of possession. Why not accept bound tokens only from a TLS
 * peer that is the gateway: the local run reaches the backends over plain HTTP, where no
 * peer certificate exists.
 * <p>
 * Unbound tokens pass unchanged. A bound token whose every binding the security chain did
 * not verify ({@link VerifiedBindings}) cannot reach here; if it did, the request fails
 * rather than being vouched for.
 */
public class VouchForBoundTokenGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	/** RFC 9449's proof header. */
	static final String DPOP_PROOF = "DPoP";

	private final GatewayTokens tokens;

	public VouchForBoundTokenGatewayFilterFactory(GatewayTokens tokens) {
		super(Object.class);
		this.tokens = tokens;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return (exchange, chain) -> exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> ((JwtAuthenticationToken) principal).getToken())
			.filter(SenderConstraints::isSenderConstrained)
			.flatMap((bound) -> vouched(exchange, bound))
			.defaultIfEmpty(exchange)
			.flatMap(chain::filter);
	}

	private Mono<ServerWebExchange> vouched(ServerWebExchange exchange, Jwt bound) {
		if (!VerifiedBindings.allVerified(exchange, bound)) {
			return Mono.error(new IllegalStateException(
					"A sender-constrained token reached a route without its binding verified: "
							+ SenderConstraints.methods(bound)));
		}
		return this.tokens.token().map((token) -> exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			headers.set(GatewayVouching.boundTokenHeader(), bound.getTokenValue());
			// The proof was for the gateway's URI and is spent; the backend takes the
			// binding on the gateway's word.
			headers.remove(DPOP_PROOF);
		})).build());
	}

}
