package dev.gatehouse.security.reactive;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A hook into the starter's default WebFlux chain: each bean of this type is applied, in
 * {@code @Order}, after the {@link ReactiveResourceServerCustomizer}, so an application
 * adds a filter or a header without replacing the chain (as spring-addons'
 * post-processors do).
 */
@FunctionalInterface
public interface ReactiveApiChainCustomizer {

	void customize(ServerHttpSecurity http);

}
