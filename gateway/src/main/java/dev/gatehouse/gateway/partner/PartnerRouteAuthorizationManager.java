package dev.gatehouse.gateway.partner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Admits a partner credential (API key or client certificate) only on the paths its entry
 * lists.
 */
public class PartnerRouteAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

	/** Parsed once per configured pattern; the set is bounded by the configuration. */
	private final Map<String, PathPattern> patterns = new ConcurrentHashMap<>();

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		PathContainer path = context.getExchange().getRequest().getPath().pathWithinApplication();
		return authentication.filter(PartnerAuthentication.class::isInstance)
			.cast(PartnerAuthentication.class)
			.map((partner) -> (AuthorizationResult) new AuthorizationDecision(partner.routes()
				.stream()
				.anyMatch((pattern) -> this.patterns.computeIfAbsent(pattern, PathPatternParser.defaultInstance::parse)
					.matches(path))))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

}
