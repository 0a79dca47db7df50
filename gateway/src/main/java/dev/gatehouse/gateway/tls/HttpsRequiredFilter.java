package dev.gatehouse.gateway.tls;

import java.util.function.IntSupplier;

import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Basic credentials travel in clear text apart from TLS, so the internal routes answer
 * only on the TLS listener. A plain-HTTP request is refused with 403 before its
 * credentials are read (421 Misdirected Request was the alternative, but clients and
 * proxies treat 421 as a hint to retry on another connection, not as a refusal), and
 * without a challenge, which would invite a browser to send the password over plain HTTP
 * again.
 */
public class HttpsRequiredFilter implements WebFilter {

	private final IntSupplier tlsPort;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	public HttpsRequiredFilter(IntSupplier tlsPort, ReactiveProblemResponses responses, SecurityAudit audit) {
		this.tlsPort = tlsPort;
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (GatewayAttributes.overTls(exchange)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(403, SecurityAudit.reason(GatewayProblem.HTTPS_REQUIRED.type()), null,
				request.getMethod().name(), request.getPath().value(), GatewayAttributes.clientAddress(exchange));
		String hint = request.getHeaders().containsHeader("Authorization")
				? " The credentials you sent over plain HTTP may have been seen on the way: have the password changed."
				: "";
		return this.responses.write(exchange,
				GatewayProblem.HTTPS_REQUIRED
					.with("This API accepts credentials only over HTTPS: call it on the TLS listener (port "
							+ this.tlsPort.getAsInt() + ")." + hint));
	}

}
