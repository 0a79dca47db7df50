package dev.gatehouse.policy;

import java.util.List;
import java.util.Map;

import org.springframework.web.ErrorResponseException;

/**
 * A request policy-service refuses, typed by its {@link PolicyProblem}. An
 * {@link ErrorResponseException}, so Spring MVC answers it with its problem body, through
 * the starter's handler, wherever it is thrown.
 */
class PolicyException extends ErrorResponseException {

	PolicyException(PolicyProblem problem, String detail) {
		super(problem.status(), problem.with(detail), null);
	}

	/**
	 * A gateway token without the identity it vouches for is a gateway fault, answered
	 * 400 rather than guessed.
	 */
	static PolicyException missingIdentity(String header) {
		return new PolicyException(PolicyProblem.MISSING_CALLER_IDENTITY,
				"The header " + header + " must name the caller the gateway authenticated.")
			.field(header, "must name the authenticated caller");
	}

	/**
	 * Names the request field to fix, as the starter's validation problems do
	 * ({@code errors}).
	 */
	PolicyException field(String field, String message) {
		getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return this;
	}

}
