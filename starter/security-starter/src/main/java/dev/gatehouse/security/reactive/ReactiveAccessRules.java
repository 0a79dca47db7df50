package dev.gatehouse.security.reactive;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.GatehouseSecurityProperties.AccessRule;

/**
 * The YAML route rules ({@code gatehouse.security.rules}) on a WebFlux security chain,
 * the same rules the servlet services apply. The caller decides what happens to paths no
 * rule names.
 */
final class ReactiveAccessRules {

	private ReactiveAccessRules() {
	}

	/**
	 * The authorities the first rule matching this request asks for, to tell a refused
	 * caller which role it needs (WebFlux's denial does not carry them); empty when no
	 * rule matches.
	 */
	public static List<String> required(ServerHttpRequest request, GatehouseSecurityProperties properties) {
		PathContainer path = request.getPath().pathWithinApplication();
		for (AccessRule rule : properties.getRules()) {
			boolean methodMatches = rule.methodsOrAll().isEmpty() || rule.methodsOrAll()
				.stream()
				.anyMatch((method) -> method.equalsIgnoreCase(request.getMethod().name()));
			if (methodMatches && PathPatternParser.defaultInstance.parse(rule.pattern()).matches(path)) {
				return rule.anyAuthority();
			}
		}
		return List.of();
	}

	public static void apply(AuthorizeExchangeSpec exchanges, GatehouseSecurityProperties properties) {
		if (!properties.getPermitAll().isEmpty()) {
			exchanges.pathMatchers(properties.getPermitAll().toArray(String[]::new)).permitAll();
		}
		for (AccessRule rule : properties.getRules()) {
			String[] authorities = rule.anyAuthority().toArray(String[]::new);
			if (rule.methodsOrAll().isEmpty()) {
				exchanges.pathMatchers(rule.pattern()).hasAnyAuthority(authorities);
			}
			else {
				for (String method : rule.methodsOrAll()) {
					exchanges.pathMatchers(HttpMethod.valueOf(method.toUpperCase()), rule.pattern())
						.hasAnyAuthority(authorities);
				}
			}
		}
	}

}
