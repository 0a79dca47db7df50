package dev.gatehouse.gateway.dpop;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.Challenges;
import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.TokenProblems;
import dev.gatehouse.security.TokenProblems.TokenProblem;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * How the gateway refuses DPoP requests: 401 with a {@code WWW-Authenticate: DPoP}
 * challenge carrying RFC 9449's error code ({@code invalid_dpop_proof},
 * {@code use_dpop_nonce} with a {@code DPoP-Nonce} header, or {@code invalid_token} for
 * the access token) and the accepted {@code algs}, and an RFC 9457 problem naming the
 * cause; 503 while replays cannot be checked.
 */
class DpopProblems implements ServerAuthenticationFailureHandler {

	static final String NONCE_HEADER = "DPoP-Nonce";

	private final String algs;

	private final DpopNonces nonces;

	private final GatehouseSecurityProperties tokens;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	DpopProblems(Set<String> algorithms, DpopNonces nonces, GatehouseSecurityProperties tokens,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		this.algs = String.join(" ", algorithms);
		this.nonces = nonces;
		this.tokens = tokens;
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		if (failure instanceof ReplayCheckUnavailableException) {
			return unavailable(exchange, GatewayProblem.DPOP_REPLAY_CHECK_UNAVAILABLE,
					"DPoP proofs are accepted only when their single use can be checked, and the store that "
							+ "remembers them is unavailable; retry after 1 s with a new proof.",
					"1");
		}
		if (failure instanceof AuthenticationServiceException) {
			return unavailable(exchange, GatewayProblem.ISSUER_UNAVAILABLE, Problems.issuerUnavailable().getDetail(),
					"5");
		}
		if (failure instanceof DpopException refusal) {
			Mono<Void> nonce = refusal.getError().getErrorCode().equals(DpopException.USE_DPOP_NONCE)
					? this.nonces.current()
						.doOnNext((value) -> exchange.getResponse().getHeaders().set(NONCE_HEADER, value))
						.then()
					: Mono.empty();
			return nonce
				.then(Mono.defer(() -> unauthorized(exchange, refusal.getError().getErrorCode(),
						refusal.problem().with(refusal.detail()))))
				.onErrorResume(ReplayCheckUnavailableException.class,
						(ex) -> onAuthenticationFailure(webFilterExchange, ex));
		}
		// The access token itself failed (expired, wrong issuer, ...): named as for a
		// Bearer token.
		TokenProblem problem = TokenProblems.classify(failure, accessToken(exchange), this.tokens);
		return unauthorized(exchange, "invalid_token",
				Problems.problem(HttpStatus.UNAUTHORIZED, problem.type(), problem.title(), problem.detail()));
	}

	/**
	 * A DPoP-bound token sent as {@code Bearer}, without its proof: 401 with a Bearer
	 * challenge and a DPoP challenge beside it (RFC 9449 section 7.1), telling the client
	 * to use the DPoP scheme.
	 */
	Mono<Void> boundTokenAsBearer(ServerWebExchange exchange, Jwt token) {
		String detail = "The access token is bound to a DPoP key (cnf.jkt, RFC 9449): send it as 'Authorization: DPoP "
				+ "<token>' with a DPoP header holding a new proof signed by that key, not as a Bearer token.";
		audit(exchange, 401, GatewayProblem.DPOP_BOUND_TOKEN_AS_BEARER.type());
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.add(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer error=\"invalid_token\", error_description=\"" + Challenges.quotable(detail) + "\"");
		headers.add(HttpHeaders.WWW_AUTHENTICATE, challenge("invalid_token", detail));
		return this.responses.write(exchange, GatewayProblem.DPOP_BOUND_TOKEN_AS_BEARER.with(detail));
	}

	/** A 401 with a DPoP challenge carrying the RFC 9449 (or RFC 6750) error code. */
	private Mono<Void> unauthorized(ServerWebExchange exchange, String error, ProblemDetail problem) {
		audit(exchange, 401, problem.getType().toString());
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(error, problem.getDetail()));
		return this.responses.write(exchange, problem);
	}

	private Mono<Void> unavailable(ServerWebExchange exchange, GatewayProblem problem, String detail,
			String retryAfter) {
		audit(exchange, problem.status().value(), problem.type());
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
		return this.responses.write(exchange, problem.with(detail));
	}

	private String challenge(String error, String detail) {
		return "DPoP error=\"" + error + "\", error_description=\"" + Challenges.quotable(detail) + "\", algs=\""
				+ this.algs + "\"";
	}

	private void audit(ServerWebExchange exchange, int status, String type) {
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(status, SecurityAudit.reason(type), null, request.getMethod().name(),
				request.getPath().value(), GatewayAttributes.clientAddress(exchange));
	}

	private static String accessToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return (authorization != null && authorization.length() > DpopAuthenticationConverter.SCHEME.length())
				? authorization.substring(DpopAuthenticationConverter.SCHEME.length()).trim() : null;
	}

}
