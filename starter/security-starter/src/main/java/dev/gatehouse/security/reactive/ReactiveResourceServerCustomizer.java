package dev.gatehouse.security.reactive;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * Makes a WebFlux chain the starter's resource server: the route rules of
 * {@code gatehouse.security.rules} (anything else denied), Bearer JWT with the context's
 * {@code ReactiveJwtDecoder}, JWT converter, bearer-token
 * {@code ServerAuthenticationConverter}, {@code ServerAuthenticationEntryPoint},
 * {@code ServerAccessDeniedHandler} and {@code ServerAuthenticationFailureHandler} (503
 * when the issuer's keys cannot be fetched). The starter's default chain applies it; an
 * application that builds its own chain (the gateway's {@code /api/**}) applies it with
 * {@code resourceServer.customize(http)}. Declare a bean of this type to replace it. Not
 * a {@code Customizer<ServerHttpSecurity>}: Spring Security applies beans of that type to
 * every chain, which would put the resource server on the gateway's other chains too.
 */
@FunctionalInterface
public interface ReactiveResourceServerCustomizer {

	void customize(ServerHttpSecurity http);

}
