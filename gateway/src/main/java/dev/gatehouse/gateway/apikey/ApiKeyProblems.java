package dev.gatehouse.gateway.apikey;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblems;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.Challenges;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The answers of the API-key routes: 401 with an {@code ApiKey} challenge (bare when no key was
 * sent, with {@code error="invalid_key"} when one was, as RFC 6750 does for Bearer), 400 for a key
 * in the URL, 403 for a valid key outside its routes. Each cause has its own problem type.
 */
public class ApiKeyProblems
		implements ServerAuthenticationEntryPoint, ServerAuthenticationFailureHandler, ServerAccessDeniedHandler {

	public static final String CHALLENGE = "ApiKey";

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	public ApiKeyProblems(ReactiveProblemResponses responses, SecurityAudit audit) {
		this.responses = responses;
		this.audit = audit;
	}

	/** No key at all. */
	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		audit(exchange, 401, GatewayProblems.MISSING_API_KEY, null);
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		return this.responses.write(exchange, Problems.problem(HttpStatus.UNAUTHORIZED, GatewayProblems.MISSING_API_KEY,
				"Missing API key", "This API requires an API key: send it in the 'x-api-key' header."));
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		if (!(failure instanceof ApiKeyException refused)) {
			return commence(exchange, failure);
		}
		if (refused.keyId() != null) {
			exchange.getAttributes().put(GatewayAttributes.CREDENTIAL, "api-key:" + refused.keyId());
		}
		ProblemDetail problem = switch (refused.reason()) {
			case IN_QUERY -> Problems.problem(HttpStatus.BAD_REQUEST, GatewayProblems.API_KEY_IN_QUERY,
					"API key in the URL",
					"Send the API key in the 'x-api-key' header, never in the URL: URLs are written to logs along the way, so treat this key as exposed and ask for a new one.");
			case UNKNOWN -> Problems.problem(HttpStatus.UNAUTHORIZED, GatewayProblems.UNKNOWN_API_KEY, "Unknown API key",
					"The API key is not known to this gateway: send the whole key exactly as it was issued.");
			case REVOKED -> Problems.problem(HttpStatus.UNAUTHORIZED, GatewayProblems.REVOKED_API_KEY, "Revoked API key",
					"The API key '" + refused.keyId() + "' has been revoked: use your current key or ask for a new one.");
			case EXPIRED -> Problems.problem(HttpStatus.UNAUTHORIZED, GatewayProblems.EXPIRED_API_KEY, "Expired API key",
					"The API key '" + refused.keyId() + "' expired at " + refused.expiredAt() + ": ask for a new one.");
		};
		audit(exchange, problem.getStatus(), problem.getType().toString(), refused.keyId());
		if (problem.getStatus() == 401) {
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + " error=\"invalid_key\", error_description=\""
						+ Challenges.quotable(problem.getDetail()) + "\"");
		}
		return this.responses.write(exchange, problem);
	}

	/** A valid key on a route it does not cover, or a method other than GET. */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(ApiKeyAuthentication.class::isInstance)
			.cast(ApiKeyAuthentication.class)
			.map((key) -> {
				ServerHttpRequest request = exchange.getRequest();
				String route = request.getMethod().name() + " " + request.getPath().value();
				String detail = (request.getMethod() != HttpMethod.GET)
						? "The partner API is read-only: " + route + " is not accepted, only GET."
						: "The API key '" + key.keyId() + "' does not cover " + route + "; it covers " + key.routes() + ".";
				audit(exchange, 403, GatewayProblems.API_KEY_ROUTE_NOT_COVERED, key.keyId());
				return Problems.problem(HttpStatus.FORBIDDEN, GatewayProblems.API_KEY_ROUTE_NOT_COVERED,
						"Route not covered by the API key", detail);
			})
			.defaultIfEmpty(Problems.problem(HttpStatus.FORBIDDEN, GatewayProblems.API_KEY_ROUTE_NOT_COVERED,
					"Route not covered by the API key", "This route is not open to the presented credentials."))
			.flatMap((problem) -> this.responses.write(exchange, problem));
	}

	private void audit(ServerWebExchange exchange, int status, String type, String keyId) {
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(status, SecurityAudit.reason(type), (keyId != null) ? "api-key:" + keyId : null,
				request.getMethod().name(), request.getPath().value(), GatewayAttributes.clientAddress(exchange));
	}

}
