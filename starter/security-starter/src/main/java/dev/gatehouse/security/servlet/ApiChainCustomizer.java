package dev.gatehouse.security.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A hook into the starter's API chain: each bean of this type is applied, in
 * {@code @Order}, after the {@link ResourceServerCustomizer}, so a service adds a filter
 * or a header without replacing the chain (as spring-addons' post-processors do).
 */
@FunctionalInterface
public interface ApiChainCustomizer {

	void customize(HttpSecurity http);

}
