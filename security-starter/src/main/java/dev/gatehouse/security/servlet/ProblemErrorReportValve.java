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

/**
 * Tomcat's error page for what it refuses before the application sees the request (a header block
 * over {@code server.max-http-request-header-size}, a request line it cannot parse): a problem body
 * instead of Tomcat's HTML page, never naming Tomcat, a class or a version. Errors inside the
 * application are answered by the application itself and left alone here.
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
			// The client went away, or the response cannot be written: nothing left to tell it.
		}
	}

	static ProblemDetail problem(int status, Throwable throwable) {
		String message = (throwable != null && throwable.getMessage() != null) ? throwable.getMessage() : "";
		if (status == 431 || message.contains("too large")) {
			return Problems.problem(HttpStatus.valueOf(status), Problems.HEADERS_TOO_LARGE, "Request headers too large",
					"The request line and headers are larger than this service accepts; send fewer or smaller headers "
							+ "(cookies, tokens).");
		}
		if (status == 400) {
			return Problems.problem(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST, "Malformed request",
					"The request could not be read as HTTP; check the request line and headers.");
		}
		HttpStatus known = HttpStatus.resolve(status);
		return Problems.problem((known != null) ? known : HttpStatus.INTERNAL_SERVER_ERROR, Problems.PREFIX + "error",
				(known != null) ? known.getReasonPhrase() : "Error", "The request could not be served.");
	}

}
