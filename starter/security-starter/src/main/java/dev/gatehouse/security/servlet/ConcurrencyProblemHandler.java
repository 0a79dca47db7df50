package dev.gatehouse.security.servlet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.gatehouse.security.StarterProblem;

/**
 * Two writers raced on one record (an optimistic-lock conflict): the loser gets 409 and
 * is told to read again, instead of a 500. Only where Spring's data access exceptions are
 * on the classpath; ordered before {@link ApiExceptionHandler}, whose catch-all would
 * otherwise take it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConcurrencyProblemHandler {

	private final ProblemResponses responses;

	public ConcurrencyProblemHandler(ProblemResponses responses) {
		this.responses = responses;
	}

	@ExceptionHandler(ConcurrencyFailureException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	ProblemDetail conflict(HttpServletRequest request) {
		return this.responses.complete(StarterProblem.CONFLICT
			.with("The record was changed by someone else meanwhile; read it again and retry."), request);
	}

}
