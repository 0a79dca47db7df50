package dev.gatehouse.gateway.dpop;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.network.PublicOrigin;
import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.internal.BearerTokens;

/**
 * Reads {@code Authorization: DPoP <token>} and the one {@code DPoP} header into Spring
 * Security's {@link DPoPAuthenticationToken}, with the request's method and its URI as
 * the client addressed it (the trusted proxy's origin, see {@link PublicOrigin}). As
 * Spring's servlet converter does, a missing or repeated {@code DPoP} header is refused
 * here.
 */
class DpopAuthenticationConverter implements ServerAuthenticationConverter {

	static final String SCHEME = "DPoP ";

	static final String PROOF_HEADER = "DPoP";

	/** Requests in the DPoP scheme; the others are left to the Bearer filter. */
	static final ServerWebExchangeMatcher DPOP_SCHEME = (exchange) -> {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
				? MatchResult.match() : MatchResult.notMatch();
	};

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		// The token's syntax is the Bearer scheme's (token68).
		String token = (authorization != null)
				? BearerTokens.wellFormed("Bearer " + authorization.substring(SCHEME.length())) : null;
		if (token == null) {
			return Mono.error(new DpopException(OAuth2ErrorCodes.INVALID_TOKEN, GatewayProblem.MALFORMED_DPOP_TOKEN,
					"The access token after 'DPoP ' is not a well-formed token."));
		}
		List<String> proofs = request.getHeaders().get(PROOF_HEADER);
		if (proofs == null || proofs.isEmpty() || proofs.get(0).isBlank()) {
			return Mono.error(DpopException.invalidProof(
					"A DPoP-bound token needs a proof: send a DPoP header with a new dpop+jwt proof for this request."));
		}
		if (proofs.size() > 1 || proofs.get(0).contains(",")) {
			return Mono.error(DpopException.invalidProof("Send exactly one DPoP header, with one proof."));
		}
		String origin = exchange.getAttribute(GatewayAttributes.PUBLIC_ORIGIN);
		if (origin == null) {
			origin = PublicOrigin.of(request, false, GatewayAttributes.overTls(exchange));
		}
		String target = TargetUris.of(origin, request.getURI().getRawPath());
		return Mono.just(new DPoPAuthenticationToken(token, proofs.get(0).trim(), request.getMethod().name(), target));
	}

}
