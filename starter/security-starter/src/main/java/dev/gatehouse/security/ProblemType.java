package dev.gatehouse.security;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * An entry of a module's problem catalogue, an enum such as {@link StarterProblem}: the
 * type, status and title said once, so a call site adds only the detail that tells the
 * caller what to fix.
 */
public interface ProblemType {

	/**
	 * The problem type, a URN such as {@code urn:gatehouse:problem:expired-token},
	 * written under {@link Problems#PREFIX}; bodies carry it under the configured brand's
	 * prefix.
	 */
	String type();

	HttpStatusCode status();

	String title();

	/**
	 * A problem of this type. @param detail what happened and what the caller should do
	 * about it
	 */
	default ProblemDetail with(String detail) {
		return Problems.problem(status(), type(), title(), detail);
	}

}
