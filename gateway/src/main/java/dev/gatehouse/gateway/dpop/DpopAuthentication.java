package dev.gatehouse.gateway.dpop;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

import dev.gatehouse.gateway.binding.VerifiedBindings;
import dev.gatehouse.security.SenderConstraints;

/**
 * DPoP as the {@code /api/**} chain uses it: an authentication filter for
 * {@code Authorization: DPoP} beside the Bearer one, which records the verified
 * {@code jkt} binding ({@link VerifiedBindings}) so the token reaches its backend vouched
 * for by the gateway, and the refusal of a DPoP-bound token sent as Bearer. When DPoP is
 * off, the filter passes everything on and DPoP-bound tokens are refused as bindings the
 * gateway does not verify.
 */
public class DpopAuthentication {

	private final boolean enabled;

	private final DpopAuthenticationManager manager;

	private final DpopProblems problems;

	private final DpopNonces nonces;

	private final boolean nonceRequired;

	DpopAuthentication(DpopProperties properties, DpopAuthenticationManager manager, DpopProblems problems,
			DpopNonces nonces) {
		this.enabled = properties.isEnabled();
		this.manager = manager;
		this.problems = problems;
		this.nonces = nonces;
		this.nonceRequired = properties.getNonce().isRequired();
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	/** For the {@code AUTHENTICATION} position of the chain; a new instance per chain. */
	public WebFilter filter() {
		if (!this.enabled) {
			return (exchange, chain) -> chain.filter(exchange);
		}
		AuthenticationWebFilter filter = new AuthenticationWebFilter(this.manager);
		filter.setRequiresAuthenticationMatcher(DpopAuthenticationConverter.DPOP_SCHEME);
		filter.setServerAuthenticationConverter(new DpopAuthenticationConverter());
		filter.setAuthenticationFailureHandler(this.problems);
		filter.setAuthenticationSuccessHandler(verified());
		return filter;
	}

	/**
	 * Reads what DPoP needs from the store before the first request
	 * ({@link DpopNonces#prime}).
	 */
	void prime(Duration wait) {
		if (this.enabled) {
			this.nonces.prime(wait);
		}
	}

	/** The refusal of a token bound to a DPoP key but sent as Bearer. */
	public Mono<Void> refuseBoundTokenAsBearer(ServerWebExchange exchange, Jwt token) {
		return this.problems.boundTokenAsBearer(exchange, token);
	}

	/**
	 * Records the binding, hands out the current nonce when nonces are required, and goes
	 * on.
	 */
	private ServerAuthenticationSuccessHandler verified() {
		return (webFilterExchange, authentication) -> {
			ServerWebExchange exchange = webFilterExchange.getExchange();
			VerifiedBindings.verified(exchange, SenderConstraints.KEY_THUMBPRINT);
			Mono<Void> nonce = this.nonceRequired ? this.nonces.current()
				.doOnNext((value) -> exchange.getResponse().getHeaders().set(DpopProblems.NONCE_HEADER, value))
				.onErrorResume((ex) -> Mono.empty())
				.then() : Mono.empty();
			return nonce.then(Mono.defer(() -> webFilterExchange.getChain().filter(exchange)));
		};
	}

}
