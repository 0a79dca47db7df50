package dev.gatehouse.customer;

import org.springframework.web.ErrorResponseException;

/**
 * A request customer-service refuses, typed by its {@link CustomerProblem}. An
 * {@link ErrorResponseException}, so Spring MVC answers it with its problem body, through
 * the starter's handler, wherever it is thrown.
 */
class CustomerException extends ErrorResponseException {

	CustomerException(CustomerProblem problem, String detail) {
		super(problem.status(), problem.with(detail), null);
	}

}
