package dev.gatehouse.gateway.binding;

import java.util.Optional;
import java.util.Set;

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
 * sender-constrained token with a confirmation method no filter verified (e.g. {@code cnf.jkt}
 * while the gateway checks no DPoP proofs) is refused with 401 {@code unverifiable-token-binding},
 * as the backends refuse every bound token: otherwise it would work without its proof.
 */
public class UnverifiedBindingFilter implements WebFilter {

	private final ServerAuthenticationEntryPoint entryPoint;

	private final Set<String> checked;

	/** @param checked the confirmation methods the chain verifies, to tell the caller */
	public UnverifiedBindingFilter(ServerAuthenticationEntryPoint entryPoint, Set<String> checked) {
		this.entryPoint = entryPoint;
		this.checked = Set.copyOf(checked);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((authentication) -> ((JwtAuthenticationToken) authentication).getToken())
			.filter((token) -> SenderConstraints.isSenderConstrained(token) && !VerifiedBindings.allVerified(exchange, token))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((unverified) -> unverified.isPresent()
					? this.entryPoint.commence(exchange, SenderConstraints.failure(refusal(unverified.get())))
					: chain.filter(exchange));
	}

	private JwtValidationException refusal(Jwt token) {
		return SenderConstraints.unverifiable(token,
				"the gateway verifies " + String.join(", ", this.checked.stream().sorted().toList()) + " bindings only");
	}

}
