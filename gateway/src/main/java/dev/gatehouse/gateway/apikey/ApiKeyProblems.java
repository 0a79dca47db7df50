package dev.gatehouse.gateway.apikey;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.apikey.ApiKeyException.Reason;
import dev.gatehouse.gateway.partner.PartnerAuthentication;
import dev.gatehouse.gateway.partner.PartnerProblems;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.Challenges;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The answers of the API-key routes: 401 with an {@code ApiKey} challenge (bare when no
 * key was sent, with {@code error="invalid_key"} when one was, as RFC 6750 does for
 * Bearer), 503 while the key store does not answer, 403 for a valid key outside its
 * routes (a key in the URL never gets here: {@code RequestHygieneFilter}). Each cause has
 * its own problem type.
 */
class ApiKeyProblems extends PartnerProblems {

	public static final String CHALLENGE = "ApiKey";

	ApiKeyProblems(ReactiveProblemResponses responses, SecurityAudit audit) {
		super(responses, audit, ApiKeyAuthentication.class, GatewayProblem.API_KEY_ROUTE_NOT_COVERED);
	}

	@Override
	protected String describe(PartnerAuthentication credential) {
		return "The API key '" + ((ApiKeyAuthentication) credential).keyId() + "'";
	}

	/** No key at all. */
	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		audit(exchange, GatewayProblem.MISSING_API_KEY, null);
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		return write(exchange, GatewayProblem.MISSING_API_KEY
			.with("This API requires an API key: send it in the 'x-api-key' header."));
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		if (!(failure instanceof ApiKeyException refused)) {
			return commence(exchange, failure);
		}
		if (refused.keyId() != null) {
			exchange.getAttributes().put(GatewayAttributes.CREDENTIAL, "api-key:" + refused.keyId());
		}
		GatewayProblem kind = switch (refused.reason()) {
			case UNKNOWN -> GatewayProblem.UNKNOWN_API_KEY;
			case REVOKED -> GatewayProblem.REVOKED_API_KEY;
			case EXPIRED -> GatewayProblem.EXPIRED_API_KEY;
			case RETIRED -> GatewayProblem.RETIRED_API_KEY;
			case UNAVAILABLE -> GatewayProblem.API_KEY_STORE_UNAVAILABLE;
		};
		String detail = switch (refused.reason()) {
			case UNKNOWN -> "The API key is not known to this gateway: send the whole key exactly as it was issued.";
			case REVOKED ->
				"The API key '" + refused.keyId() + "' has been revoked: use your current key or ask for a new one.";
			case EXPIRED ->
				"The API key '" + refused.keyId() + "' expired at " + refused.endedAt() + ": ask for a new one.";
			case RETIRED -> "The API key '" + refused.keyId() + "' was replaced and retired at " + refused.endedAt()
					+ ": use the key that replaced it.";
			case UNAVAILABLE ->
				"The API key could not be checked because the key store does not answer; retry shortly.";
		};
		audit(exchange, kind, (refused.keyId() != null) ? "api-key:" + refused.keyId() : null);
		if (refused.reason() == Reason.UNAVAILABLE) {
			// Not the key's fault: no challenge, which would tell the caller to change
			// it.
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		}
		else {
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + " error=\"invalid_key\", error_description=\""
						+ Challenges.quotable(detail) + "\"");
		}
		return write(exchange, kind.with(detail));
	}

}
