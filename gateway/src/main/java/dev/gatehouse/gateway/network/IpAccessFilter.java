package dev.gatehouse.gateway.network;

import java.net.InetAddress;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.web.FilterOrder;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Allow and deny lists per path ({@code gatehouse.gateway.network.ip-rules}), checked
 * before any credential so a blocked network learns nothing about them. The first rule
 * whose pattern matches decides: a denied block is refused, and with an allow list only
 * its blocks pass.
 */
class IpAccessFilter implements WebFilter, Ordered {

	private final List<CompiledRule> rules;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	IpAccessFilter(NetworkProperties properties, ReactiveProblemResponses responses, SecurityAudit audit) {
		this.rules = properties.getIpRules().stream().map(CompiledRule::of).toList();
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public int getOrder() {
		return FilterOrder.IP_ACCESS;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		InetAddress client = exchange.getAttribute(GatewayAttributes.CLIENT_ADDRESS);
		for (CompiledRule rule : this.rules) {
			if (rule.pattern().matches(path)) {
				return (client != null && rule.admits(client)) ? chain.filter(exchange)
						: refuse(exchange, GatewayAttributes.clientAddress(exchange));
			}
		}
		return chain.filter(exchange);
	}

	private Mono<Void> refuse(ServerWebExchange exchange, String client) {
		this.audit.denied(403, SecurityAudit.reason(GatewayProblem.IP_NOT_ALLOWED.type()), null,
				exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(), client);
		return this.responses.write(exchange,
				GatewayProblem.IP_NOT_ALLOWED.with("Requests to this path are not accepted from your network address ("
						+ client + "); ask the API owner to allow it."));
	}

	private record CompiledRule(PathPattern pattern, List<Cidr.Block> allow, List<Cidr.Block> deny) {

		static CompiledRule of(NetworkProperties.IpRule rule) {
			return new CompiledRule(PathPatternParser.defaultInstance.parse(rule.pattern()),
					rule.allowOrNone().stream().map(Cidr::block).toList(),
					rule.denyOrNone().stream().map(Cidr::block).toList());
		}

		boolean admits(InetAddress client) {
			if (this.deny.stream().anyMatch((block) -> block.contains(client))) {
				return false;
			}
			return this.allow.isEmpty() || this.allow.stream().anyMatch((block) -> block.contains(client));
		}

	}

}
