package dev.gatehouse.gateway.apikey;

import reactor.core.publisher.Mono;

import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPatternParser;

/** Admits an API key only on the paths its entry lists. */
public class ApiKeyRouteAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		PathContainer path = context.getExchange().getRequest().getPath().pathWithinApplication();
		return authentication.filter(ApiKeyAuthentication.class::isInstance)
			.cast(ApiKeyAuthentication.class)
			.map((key) -> (AuthorizationResult) new AuthorizationDecision(key.routes()
				.stream()
				.anyMatch((pattern) -> PathPatternParser.defaultInstance.parse(pattern).matches(path))))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

}
