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
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.GatewayProblemException;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

import static dev.gatehouse.security.internal.Causes.find;

/**
 * Every error that escapes a filter or the routing ends here as a problem body, in place
 * of Spring's default handler (which would render its own JSON and could name a backend
 * host). Runs before Boot's handler (order -1).
 */
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

	/** Seconds a caller should wait before retrying an unavailable backend. */
	private static final String RETRY_AFTER_SECONDS = "5";

	private final ReactiveProblemResponses responses;

	ProblemErrorHandler(ReactiveProblemResponses responses) {
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
		GatewayProblemException known = find(error, GatewayProblemException.class);
		if (known != null) {
			return known.getBody();
		}
		if (find(error, DataBufferLimitException.class) != null) {
			return new RequestTooLargeException(null).getBody();
		}
		// The circuit breaker is open (Spring Cloud Gateway reports it as its own
		// exception type).
		// A bulkhead, if one is configured again, that is full: as unavailable as an open
		// circuit.
		if (find(error, CallNotPermittedException.class) != null || find(error, BulkheadFullException.class) != null
				|| find(error, org.springframework.cloud.gateway.support.ServiceUnavailableException.class) != null) {
			return GatewayProblem.BACKEND_UNAVAILABLE
				.with("The backend behind this route is failing and is given time to recover; retry shortly.");
		}
		if (find(error, ConnectException.class) != null || find(error, UnknownHostException.class) != null) {
			return GatewayProblem.BACKEND_UNAVAILABLE
				.with("The backend behind this route cannot be reached; retry shortly.");
		}
		if (find(error, TimeoutException.class) != null
				|| find(error, org.springframework.cloud.gateway.support.TimeoutException.class) != null) {
			return backendTimeout();
		}
		if (find(error, PrematureCloseException.class) != null) {
			return GatewayProblem.BAD_GATEWAY
				.with("The backend closed the connection without a complete answer; retry later.");
		}
		ResponseStatusException status = find(error, ResponseStatusException.class);
		if (status != null) {
			return statusProblem(exchange, status);
		}
		return internalError();
	}

	private ProblemDetail statusProblem(ServerWebExchange exchange, ResponseStatusException status) {
		int code = status.getStatusCode().value();
		return switch (code) {
			case 404 -> GatewayProblem.notFound(exchange.getRequest().getPath().value());
			case 405 -> {
				if (status instanceof MethodNotAllowedException notAllowed) {
					exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
				}
				yield GatewayProblem.METHOD_NOT_ALLOWED
					.with(exchange.getRequest().getMethod() + " is not supported on this path.");
			}
			case 413 -> new RequestTooLargeException(null).getBody();
			case 503 ->
				GatewayProblem.BACKEND_UNAVAILABLE.with("The backend behind this route is unavailable; retry shortly.");
			case 504 -> backendTimeout();
			case 502 -> GatewayProblem.BAD_GATEWAY.with("The backend gave no usable answer; retry later.");
			default -> (code >= 400 && code < 500)
					? GatewayProblem.MALFORMED_REQUEST.with(status.getStatusCode(),
							"The gateway could not accept the request as sent; check its syntax and headers.")
					: internalError();
		};
	}

	private static ProblemDetail backendTimeout() {
		return GatewayProblem.BACKEND_TIMEOUT
			.with("The backend did not answer within the gateway's time limit; retry later.");
	}

	private static ProblemDetail internalError() {
		return GatewayProblem.INTERNAL_ERROR
			.with("The gateway failed to handle the request; quote the trace id when reporting it.");
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
