package dev.gatehouse.gateway.basic;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * 401 with a Basic challenge, 429 with {@code Retry-After} while a lock lasts or while
 * every password-hashing thread and queue slot is taken, 503 with {@code Retry-After}
 * while failed logins cannot be counted, 403 for anything but reading.
 */
class BasicProblems
		implements ServerAuthenticationEntryPoint, ServerAuthenticationFailureHandler, ServerAccessDeniedHandler {

	private final String challenge;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	BasicProblems(String realm, ReactiveProblemResponses responses, SecurityAudit audit) {
		this.challenge = "Basic realm=\"" + realm + "\"";
		this.responses = responses;
		this.audit = audit;
	}

	/** No credentials sent. */
	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		return refuse(exchange, GatewayProblem.MISSING_CREDENTIALS,
				"This API requires HTTP Basic credentials: send 'Authorization: Basic <base64 of user:password>'.");
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (failure instanceof LoginLockedException locked) {
			long seconds = Math.max(1, (locked.retryAfter().toMillis() + 999) / 1000);
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return refuse(exchange, GatewayProblem.TOO_MANY_FAILED_LOGINS,
					"Too many failed logins for this user or from this address; try again in " + seconds + " seconds.");
		}
		if (failure instanceof LoginCapacityExceededException) {
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return refuse(exchange, GatewayProblem.TOO_MANY_CONCURRENT_LOGINS,
					"The gateway is checking as many passwords as it can at the moment; retry after 1 s.");
		}
		if (failure instanceof LoginThrottleUnavailableException) {
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return refuse(exchange, GatewayProblem.RATE_LIMIT_UNAVAILABLE,
					"Logins are accepted only when failed logins can be counted, and the rate-limit store is "
							+ "unavailable; retry after 1 s.");
		}
		headers.set(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		return refuse(exchange, GatewayProblem.INVALID_CREDENTIALS,
				"The user name or password is wrong; repeated failures lock the user and your address for a while.");
	}

	/** The internal API is read-only. */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return refuse(exchange, GatewayProblem.INTERNAL_READ_ONLY,
				"The internal API is read-only: " + exchange.getRequest().getMethod() + " is not accepted, only GET.");
	}

	private Mono<Void> refuse(ServerWebExchange exchange, GatewayProblem problem, String detail) {
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(problem.status().value(), SecurityAudit.reason(problem.type()), null,
				request.getMethod().name(), request.getPath().value(), GatewayAttributes.clientAddress(exchange));
		return this.responses.write(exchange, problem.with(detail));
	}

}
