package dev.gatehouse.gateway.basic;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblems;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * 401 with a Basic challenge, 429 with {@code Retry-After} while a lock lasts or while every
 * password-hashing thread and queue slot is taken, 503 with
 * {@code Retry-After} while failed logins cannot be counted, 403 for anything but reading.
 */
public class BasicProblems
		implements ServerAuthenticationEntryPoint, ServerAuthenticationFailureHandler, ServerAccessDeniedHandler {

	private final String challenge;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	public BasicProblems(String realm, ReactiveProblemResponses responses, SecurityAudit audit) {
		this.challenge = "Basic realm=\"" + realm + "\"";
		this.responses = responses;
		this.audit = audit;
	}

	/** No credentials sent. */
	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		audit(exchange, 401, GatewayProblems.MISSING_CREDENTIALS, null);
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		return this.responses.write(exchange, Problems.problem(HttpStatus.UNAUTHORIZED,
				GatewayProblems.MISSING_CREDENTIALS, "Missing credentials",
				"This API requires HTTP Basic credentials: send 'Authorization: Basic <base64 of user:password>'."));
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		if (failure instanceof LoginLockedException locked) {
			long seconds = Math.max(1, (locked.retryAfter().toMillis() + 999) / 1000);
			audit(exchange, 429, GatewayProblems.TOO_MANY_FAILED_LOGINS, null);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return this.responses.write(exchange, Problems.problem(HttpStatus.TOO_MANY_REQUESTS,
					GatewayProblems.TOO_MANY_FAILED_LOGINS, "Too many failed logins",
					"Too many failed logins for this user or from this address; try again in " + seconds + " seconds."));
		}
		if (failure instanceof LoginCapacityExceededException) {
			audit(exchange, 429, GatewayProblems.TOO_MANY_CONCURRENT_LOGINS, null);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return this.responses.write(exchange, Problems.problem(HttpStatus.TOO_MANY_REQUESTS,
					GatewayProblems.TOO_MANY_CONCURRENT_LOGINS, "Too many logins at once",
					"The gateway is checking as many passwords as it can at the moment; retry after 1 s."));
		}
		if (failure instanceof LoginThrottleUnavailableException) {
			audit(exchange, 503, GatewayProblems.RATE_LIMIT_UNAVAILABLE, null);
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return this.responses.write(exchange, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE,
					GatewayProblems.RATE_LIMIT_UNAVAILABLE, "Rate limit unavailable",
					"Logins are accepted only when failed logins can be counted, and the rate-limit store is "
							+ "unavailable; retry after 1 s."));
		}
		audit(exchange, 401, GatewayProblems.INVALID_CREDENTIALS, null);
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		return this.responses.write(exchange, Problems.problem(HttpStatus.UNAUTHORIZED,
				GatewayProblems.INVALID_CREDENTIALS, "Invalid credentials",
				"The user name or password is wrong; repeated failures lock the user and your address for a while."));
	}

	/** The internal API is read-only. */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		audit(exchange, 403, Problems.INSUFFICIENT_SCOPE, null);
		return this.responses.write(exchange, Problems.problem(HttpStatus.FORBIDDEN, Problems.INSUFFICIENT_SCOPE,
				"Not allowed", "The internal API is read-only: " + exchange.getRequest().getMethod()
						+ " is not accepted, only GET."));
	}

	private void audit(ServerWebExchange exchange, int status, String type, String principal) {
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(status, SecurityAudit.reason(type), principal, request.getMethod().name(),
				request.getPath().value(), GatewayAttributes.clientAddress(exchange));
	}

}
