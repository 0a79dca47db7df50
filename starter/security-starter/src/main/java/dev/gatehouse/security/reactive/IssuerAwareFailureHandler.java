package dev.gatehouse.security.reactive;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;

import dev.gatehouse.security.Problems;

/**
 * Spring's failure handler that answers through the entry point, except for a failure to
 * reach the issuer (an AuthenticationServiceException, which Spring rethrows and would
 * end as a 500): 503, {@code Retry-After}, so the caller retries.
 */
final class IssuerAwareFailureHandler implements ServerAuthenticationFailureHandler {

	private final ServerAuthenticationEntryPointFailureHandler tokenFailures;

	private final ReactiveProblemResponses responses;

	IssuerAwareFailureHandler(ServerAuthenticationEntryPoint entryPoint, ReactiveProblemResponses responses) {
		this.tokenFailures = new ServerAuthenticationEntryPointFailureHandler(entryPoint);
		this.responses = responses;
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
		if (failure instanceof AuthenticationServiceException) {
			webFilterExchange.getExchange().getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
			return this.responses.write(webFilterExchange.getExchange(), Problems.issuerUnavailable());
		}
		return this.tokenFailures.onAuthenticationFailure(webFilterExchange, failure);
	}

}
