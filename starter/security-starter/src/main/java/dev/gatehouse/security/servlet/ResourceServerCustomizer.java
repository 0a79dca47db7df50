package dev.gatehouse.security.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Makes a chain the starter's resource server: the route rules of
 * {@code gatehouse.security.rules} (anything else denied), stateless Bearer JWT with the
 * context's {@code JwtDecoder}, JWT converter, {@code BearerTokenResolver},
 * {@code AuthenticationEntryPoint} and {@code AccessDeniedHandler}, sender-constrained
 * tokens refused unless the gateway vouches for them, and a 503 problem when the issuer's
 * keys cannot be fetched. The starter's API chain applies it; a service that declares its
 * own {@code SecurityFilterChain} (so the starter's back off) applies it with
 * {@code resourceServer.customize(http)}. Declare a bean of this type to replace it.
 */
@FunctionalInterface
public interface ResourceServerCustomizer {

	void customize(HttpSecurity http);

}
