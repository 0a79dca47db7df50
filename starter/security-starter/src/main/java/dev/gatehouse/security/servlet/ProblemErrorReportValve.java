package dev.gatehouse.security.servlet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import dev.gatehouse.security.Problems;
import dev.gatehouse.security.StarterProblem;

/**
 * Tomcat's error page for what it refuses before the application sees the request (a
 * header block over {@code server.max-http-request-header-size}, a request line it cannot
 * parse): a problem body instead of Tomcat's HTML page, never naming Tomcat, a class or a
 * version. Errors inside the application are answered by the application itself and left
 * alone here.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ProblemDetail problem = problem(status, throwable);
		problem.setProperty("traceId", UUID.randomUUID().toString().replace("-", ""));
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("Cache-Control", "no-store");
			OutputStream out = response.getOutputStream();
			JSON.writeValue(out, Problems.body(problem));
			response.finishResponse();
		}
		catch (IOException | RuntimeException ex) {
			// The client went away, or the response cannot be written: nothing left to
			// tell it.
		}
	}

	/** The catalogue's problem for what Tomcat refused, with the status Tomcat chose. */
	static ProblemDetail problem(int status, Throwable throwable) {
		// Tomcat reports a header block over its limit as a 400 with an
		// IllegalArgumentException whose
		// only mark is its text ("Request header is too large"); it has no type of its
		// own.
		String message = (throwable != null && throwable.getMessage() != null) ? throwable.getMessage() : "";
		ProblemDetail problem;
		if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value() || message.contains("too large")) {
			problem = StarterProblem.HEADERS_TOO_LARGE.with("The request line and headers are larger than this service "
					+ "accepts; send fewer or smaller headers (cookies, tokens).");
		}
		else if (status == HttpStatus.BAD_REQUEST.value()) {
			problem = StarterProblem.MALFORMED_REQUEST
				.with("The request could not be read as HTTP; check the request line and headers.");
		}
		else {
			problem = StarterProblem.REQUEST_NOT_SERVED.with("The request could not be served.");
		}
		problem.setStatus(status);
		return problem;
	}

}
