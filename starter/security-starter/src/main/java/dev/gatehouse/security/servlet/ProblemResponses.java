package dev.gatehouse.security.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import dev.gatehouse.security.Problems;

/**
 * Writes problem bodies from filters, where Spring MVC's message converters are not in
 * play.
 */
public class ProblemResponses {

	private final JsonMapper json;

	private final TraceIds traceIds;

	public ProblemResponses(JsonMapper json, TraceIds traceIds) {
		this.json = json;
		this.traceIds = traceIds;
	}

	/** Adds the members every Gatehouse problem has. */
	public ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
		problem.setProperty("traceId", this.traceIds.of(request));
		return problem;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		complete(problem, request);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.json.writeValue(response.getOutputStream(), Problems.body(problem));
	}

}
