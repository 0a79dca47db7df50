package dev.gatehouse.security.servlet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.security.StarterProblem;

/**
 * Refuses bodies over the configured size with 413 before the application reads them.
 * Tomcat limits only form posts, so a JSON body of any size would otherwise be read into
 * memory. A declared Content-Length is checked up front; a chunked body is counted while
 * read.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final ProblemResponses responses;

	public RequestBodyLimitFilter(long maxBytes, ProblemResponses responses) {
		this.maxBytes = maxBytes;
		this.responses = responses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.responses.write(request, response, tooLarge(this.maxBytes));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	static org.springframework.http.ProblemDetail tooLarge(long maxBytes) {
		return StarterProblem.PAYLOAD_TOO_LARGE
			.with("The request body exceeds " + maxBytes + " bytes; send a smaller body.");
	}

	/** Thrown while reading a body that turns out larger than allowed. */
	public static class BodyTooLargeException extends IOException {

		private final long maxBytes;

		BodyTooLargeException(long maxBytes) {
			super("Request body exceeds " + maxBytes + " bytes");
			this.maxBytes = maxBytes;
		}

		public long maxBytes() {
			return this.maxBytes;
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		LimitedStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
