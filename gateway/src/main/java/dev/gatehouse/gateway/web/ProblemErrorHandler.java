package dev.gatehouse.gateway.web;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblems;
import dev.gatehouse.gateway.backend.GatewayTokenUnavailableException;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Every error that escapes a filter or the routing ends here as a problem body, in place of
 * Spring's default handler (which would render its own JSON and could name a backend host). Runs
 * before Boot's handler (order -1).
 */
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

	/** Seconds a caller should wait before retrying an unavailable backend. */
	private static final String RETRY_AFTER_SECONDS = "5";

	private final ReactiveProblemResponses responses;

	public ProblemErrorHandler(ReactiveProblemResponses responses) {
		this.responses = responses;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		ProblemDetail problem = problem(exchange, error);
		if (problem.getStatus() == 500) {
			log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
		}
		else if (problem.getStatus() > 500) {
			log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					problem.getStatus(), describe(error));
		}
		if (problem.getStatus() == 503) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return this.responses.write(exchange, problem);
	}

	ProblemDetail problem(ServerWebExchange exchange, Throwable error) {
		RequestTooLargeException tooLarge = find(error, RequestTooLargeException.class);
		if (tooLarge != null) {
			return tooLarge.problem();
		}
		if (find(error, DataBufferLimitException.class) != null) {
			return RequestTooLargeException.problem(null);
		}
		if (find(error, GatewayTokenUnavailableException.class) != null) {
			return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, GatewayProblems.GATEWAY_TOKEN_UNAVAILABLE,
					"Gateway credentials unavailable",
					"The gateway could not obtain its own access token for the backend; retry shortly.");
		}
		// The circuit breaker is open (Spring Cloud Gateway reports it as its own exception type).
		// A bulkhead, if one is configured again, that is full: as unavailable as an open circuit.
		if (find(error, CallNotPermittedException.class) != null || find(error, BulkheadFullException.class) != null
				|| find(error, org.springframework.cloud.gateway.support.ServiceUnavailableException.class) != null) {
			return backendUnavailable("The backend behind this route is failing and is given time to recover; retry shortly.");
		}
		if (find(error, ConnectException.class) != null || find(error, UnknownHostException.class) != null) {
			return backendUnavailable("The backend behind this route cannot be reached; retry shortly.");
		}
		if (find(error, TimeoutException.class) != null
				|| find(error, org.springframework.cloud.gateway.support.TimeoutException.class) != null) {
			return backendTimeout();
		}
		if (find(error, PrematureCloseException.class) != null) {
			return Problems.problem(HttpStatus.BAD_GATEWAY, GatewayProblems.BAD_GATEWAY, "Bad gateway",
					"The backend closed the connection without a complete answer; retry later.");
		}
		ResponseStatusException status = find(error, ResponseStatusException.class);
		if (status != null) {
			return statusProblem(exchange, status);
		}
		return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, "Internal error",
				"The gateway failed to handle the request; quote the trace id when reporting it.");
	}

	private ProblemDetail statusProblem(ServerWebExchange exchange, ResponseStatusException status) {
		int code = status.getStatusCode().value();
		return switch (code) {
			case 404 -> GatewayProblems.notFound(exchange.getRequest().getPath().value());
			case 405 -> {
				if (status instanceof MethodNotAllowedException notAllowed) {
					exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
				}
				yield Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, GatewayProblems.METHOD_NOT_ALLOWED,
						"Method not allowed", exchange.getRequest().getMethod() + " is not supported on this path.");
			}
			case 413 -> RequestTooLargeException.problem(null);
			case 503 -> backendUnavailable("The backend behind this route is unavailable; retry shortly.");
			case 504 -> backendTimeout();
			case 502 -> Problems.problem(HttpStatus.BAD_GATEWAY, GatewayProblems.BAD_GATEWAY, "Bad gateway",
					"The backend gave no usable answer; retry later.");
			default -> {
				if (code >= 400 && code < 500) {
					yield Problems.problem(status.getStatusCode(), GatewayProblems.MALFORMED_REQUEST, "Bad request",
							"The gateway could not accept the request as sent; check its syntax and headers.");
				}
				yield Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, "Internal error",
						"The gateway failed to handle the request; quote the trace id when reporting it.");
			}
		};
	}

	private static ProblemDetail backendUnavailable(String detail) {
		return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, GatewayProblems.BACKEND_UNAVAILABLE,
				"Backend unavailable", detail);
	}

	private static ProblemDetail backendTimeout() {
		return Problems.problem(HttpStatus.GATEWAY_TIMEOUT, GatewayProblems.BACKEND_TIMEOUT, "Backend timeout",
				"The backend did not answer within the gateway's time limit; retry later.");
	}

	private static <T extends Throwable> T find(Throwable error, Class<T> type) {
		for (Throwable t = error; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static String describe(Throwable error) {
		StringBuilder text = new StringBuilder(error.getClass().getSimpleName());
		if (error.getMessage() != null) {
			text.append(": ").append(error.getMessage());
		}
		if (error.getCause() != null && error.getCause() != error) {
			text.append(" <- ").append(describe(error.getCause()));
		}
		return text.toString();
	}

}
