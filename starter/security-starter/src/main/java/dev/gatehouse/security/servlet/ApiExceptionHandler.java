package dev.gatehouse.security.servlet;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.gatehouse.security.internal.Causes;
import dev.gatehouse.security.StarterProblem;

/**
 * Every error a controller produces as an RFC 9457 problem with a trace id, and never a
 * stack trace, class name or SQL: unexpected exceptions are logged here and answered with
 * a generic 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ProblemResponses responses;

	public ApiExceptionHandler(ProblemResponses responses) {
		this.responses = responses;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", message(error)))
			.toList();
		String fields = String.join(", ", errors.stream().map((e) -> e.get("field") + " " + e.get("message")).toList());
		ProblemDetail problem = StarterProblem.VALIDATION_FAILED.with("Fix these fields and retry: " + fields + ".");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyLimitFilter.BodyTooLargeException tooLarge = Causes.find(ex,
				RequestBodyLimitFilter.BodyTooLargeException.class);
		if (tooLarge != null) {
			return handleExceptionInternal(ex, RequestBodyLimitFilter.tooLarge(tooLarge.maxBytes()), headers,
					HttpStatus.CONTENT_TOO_LARGE, request);
		}
		UnrecognizedPropertyException unknown = Causes.find(ex, UnrecognizedPropertyException.class);
		String detail = (unknown != null)
				? "The field '" + unknown.getPropertyName() + "' is not accepted here; remove it from the request body."
				: "The request body is not valid JSON for this endpoint, or a field has the wrong type.";
		ProblemDetail problem = StarterProblem.MALFORMED_REQUEST.with(detail);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = StarterProblem.NOT_FOUND
			.with("No resource at " + ex.getResourcePath() + "; check the path.");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = StarterProblem.INTERNAL_ERROR
			.with("The request could not be completed; quote the trace id when reporting it.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && request instanceof NativeWebRequest nativeRequest) {
			HttpServletRequest servletRequest = nativeRequest.getNativeRequest(HttpServletRequest.class);
			if (servletRequest != null) {
				this.responses.complete(problem, servletRequest);
				problem.setInstance(null);
			}
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	private static String message(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

}
