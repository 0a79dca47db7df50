package dev.gatehouse.gateway.binding;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.security.SenderConstraints;

/**
 * The last binding check on {@code /api/**}, after the filters that verify proofs: a
 * sender-constrained token with a confirmation method no filter verified is refused, as
 * the backends refuse every bound token: otherwise it would work without its proof. A
 * DPoP-bound token ({@code cnf.jkt}) that arrives here unverified was sent as Bearer;
 * while the gateway verifies DPoP it is told so ({@code dpopRefusal}: 401
 * {@code dpop-bound-token-as-bearer} with a DPoP challenge), otherwise, as for any other
 * method, 401 {@code unverifiable-token-binding}.
 */
public class UnverifiedBindingFilter implements WebFilter {

	private final ServerAuthenticationEntryPoint entryPoint;

	private final Set<String> checked;

	private final BiFunction<ServerWebExchange, Jwt, Mono<Void>> dpopRefusal;

	/**
	 * @param checked the confirmation methods the chain verifies, to tell the caller
	 * @param dpopRefusal answers a DPoP-bound token sent as Bearer when {@code checked}
	 * holds {@code jkt}
	 */
	public UnverifiedBindingFilter(ServerAuthenticationEntryPoint entryPoint, Set<String> checked,
			BiFunction<ServerWebExchange, Jwt, Mono<Void>> dpopRefusal) {
		this.entryPoint = entryPoint;
		this.checked = Set.copyOf(checked);
		this.dpopRefusal = dpopRefusal;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((authentication) -> ((JwtAuthenticationToken) authentication).getToken())
			.filter((token) -> SenderConstraints.isSenderConstrained(token)
					&& !VerifiedBindings.allVerified(exchange, token))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((unverified) -> unverified.isPresent() ? refuse(exchange, unverified.get())
					: chain.filter(exchange));
	}

	private Mono<Void> refuse(ServerWebExchange exchange, Jwt token) {
		if (this.checked.contains(SenderConstraints.KEY_THUMBPRINT)
				&& SenderConstraints.value(token, SenderConstraints.KEY_THUMBPRINT) != null
				&& !VerifiedBindings.verified(exchange).contains(SenderConstraints.KEY_THUMBPRINT)) {
			return this.dpopRefusal.apply(exchange, token);
		}
		return this.entryPoint.commence(exchange, SenderConstraints.failure(refusal(token)));
	}

	private JwtValidationException refusal(Jwt token) {
		return SenderConstraints.unverifiable(token, "the gateway verifies "
				+ String.join(", ", this.checked.stream().sorted().toList()) + " bindings only");
	}

}
