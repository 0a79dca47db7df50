package dev.gatehouse.gateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.security.Brand;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Refuses or cleans requests before anything else reads them:
 * <ul>
 * <li>only the methods the APIs use; TRACE and anything unusual get 405;</li>
 * <li>credentials in the query string (API keys, tokens, passwords, secrets, by parameter
 * name, ignoring case): 400 telling the caller which header to use; the value is never
 * read or logged (the access log and the audit log record the path without its
 * query);</li>
 * <li>header block larger than configured: 431; body larger than configured: 413 (by
 * {@code Content-Length} at once, a streamed body as soon as it grows past the
 * limit);</li>
 * <li>method-override headers are dropped: no backend may be talked into another method
 * than the one the gateway authorized;</li>
 * <li>headers with the brand's prefix ({@code gatehouse.brand.header-prefix},
 * {@code X-Gatehouse-*} by default) are dropped: only the gateway sets them, from an
 * identity it verified;</li>
 * <li>headers a client names in {@code Connection} are dropped here, together with
 * {@code Connection}, so that Spring Cloud Gateway's hop-by-hop filter, which would
 * honour that list on the way out, can no longer strip a header the gateway adds (its
 * token, the identity, {@code X-Forwarded-For}).</li>
 * </ul>
 */
class RequestHygieneFilter implements WebFilter, Ordered {

	static final Set<HttpMethod> ALLOWED_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	static final Set<String> METHOD_OVERRIDE_HEADERS = Set.of("x-http-method-override", "x-http-method",
			"x-method-override");

	/**
	 * Message framing; removing these because {@code Connection} names them would corrupt
	 * the request.
	 */
	private static final Set<String> FRAMING_HEADERS = Set.of("host", "content-length", "transfer-encoding");

	private final long maxHeaderBytes;

	private final Set<String> apiKeyParameters;

	private final Set<String> credentialParameters;

	private final DataSize maxBody;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	RequestHygieneFilter(HygieneProperties properties, DataSize maxHeaders, DataSize maxBody,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		this.maxHeaderBytes = maxHeaders.toBytes();
		this.apiKeyParameters = lowerCase(properties.getApiKeyParameters());
		this.credentialParameters = lowerCase(properties.getCredentialParameters());
		this.maxBody = maxBody;
		this.responses = responses;
		this.audit = audit;
	}

	private static Set<String> lowerCase(List<String> names) {
		return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public int getOrder() {
		return FilterOrder.HYGIENE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!ALLOWED_METHODS.contains(request.getMethod())) {
			exchange.getResponse().getHeaders().setAllow(ALLOWED_METHODS);
			return this.responses.write(exchange, GatewayProblem.METHOD_NOT_ALLOWED.with(request.getMethod().name()
					+ " is not accepted by this gateway; use one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS."));
		}
		ProblemDetail credentialsInQuery = credentialsInQuery(request);
		if (credentialsInQuery != null) {
			this.audit.denied(400, SecurityAudit.reason(credentialsInQuery.getType().toString()), null,
					request.getMethod().name(), request.getPath().value(), GatewayAttributes.clientAddress(exchange));
			return this.responses.write(exchange, credentialsInQuery);
		}
		if (headerBytes(request.getHeaders()) > this.maxHeaderBytes) {
			return this.responses.write(exchange,
					GatewayProblem.HEADERS_TOO_LARGE.with("The request headers together exceed "
							+ (this.maxHeaderBytes / 1024) + " KB; send fewer or smaller headers (cookies, tokens)."));
		}
		long contentLength = request.getHeaders().getContentLength();
		if (contentLength > this.maxBody.toBytes()) {
			return this.responses.write(exchange, new RequestTooLargeException(this.maxBody).getBody());
		}
		// Mutating a request copies every header into a new map; most requests carry
		// nothing to remove, so they keep their headers as they are.
		List<String> remove = toRemove(request.getHeaders());
		ServerHttpRequest cleaned = remove.isEmpty() ? request
				: request.mutate().headers((headers) -> remove.forEach(headers::remove)).build();
		return chain.filter(exchange.mutate().request(new LimitedBody(cleaned, this.maxBody)).build());
	}

	private ProblemDetail credentialsInQuery(ServerHttpRequest request) {
		for (String name : request.getQueryParams().keySet()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (this.apiKeyParameters.contains(lower)) {
				return GatewayProblem.API_KEY_IN_QUERY
					.with("Send the API key in the 'x-api-key' header, never in the URL (query parameter '" + name
							+ "'): URLs are written to logs along the way, so treat this key as exposed and ask for a new one.");
			}
			if (this.credentialParameters.contains(lower)) {
				return GatewayProblem.CREDENTIALS_IN_QUERY
					.with("Send credentials in the 'Authorization' header, never in the URL (query parameter '" + name
							+ "'): URLs are written to logs along the way, so treat this credential as exposed and replace it.");
			}
		}
		return null;
	}

	/**
	 * The headers to drop: those named in {@code Connection} (but framing), then
	 * {@code Connection} itself, method overrides and the gateway's own.
	 */
	static List<String> toRemove(HttpHeaders headers) {
		List<String> remove = new ArrayList<>();
		for (String value : headers.getConnection()) {
			for (String token : value.split(",")) {
				String name = token.trim().toLowerCase(Locale.ROOT);
				if (!name.isEmpty() && !FRAMING_HEADERS.contains(name)) {
					remove.add(name);
				}
			}
		}
		for (String name : headers.headerNames()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.equals("connection") || METHOD_OVERRIDE_HEADERS.contains(lower)
					|| Brand.current().isGatewayHeader(name)) {
				remove.add(name);
			}
		}
		return remove;
	}

	private static long headerBytes(HttpHeaders headers) {
		long total = 0;
		for (Map.Entry<String, List<String>> header : headers.headerSet()) {
			for (String value : header.getValue()) {
				total += header.getKey().length() + value.length() + 4;
			}
		}
		return total;
	}

	/** Counts the body as it streams and fails it once it exceeds the limit. */
	private static final class LimitedBody extends ServerHttpRequestDecorator {

		private final DataSize limit;

		LimitedBody(ServerHttpRequest delegate, DataSize limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			long max = this.limit.toBytes();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > max) {
					DataBufferUtils.release(buffer);
					sink.error(new RequestTooLargeException(this.limit));
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
