package dev.gatehouse.gateway.backend;

import java.security.Principal;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.apikey.ApiKeyAuthenticationConverter;

/**
 * {@code GatewayToken=<identity header>}: for callers the gateway authenticated itself
 * (API key, client certificate, Basic), the backend gets the gateway's own
 * client-credentials token instead of the caller's credentials, plus the verified caller
 * in the named header (contract: {@code X-Gatehouse-Partner},
 * {@code X-Gatehouse-Caller}). The client's {@code Authorization} and {@code x-api-key}
 * never reach the backend.
 * <p>
 * Spring Cloud Gateway's {@code TokenRelay} relays a token obtained for the signed-in
 * user and caches one per principal; this filter uses the single token of the gateway's
 * registration ({@link GatewayTokens}).
 */
public class GatewayTokenGatewayFilterFactory
		extends AbstractGatewayFilterFactory<GatewayTokenGatewayFilterFactory.Config> {

	private final GatewayTokens tokens;

	public GatewayTokenGatewayFilterFactory(GatewayTokens tokens) {
		super(Config.class);
		this.tokens = tokens;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("identityHeader");
	}

	@Override
	public GatewayFilter apply(Config config) {
		// Only X-Gatehouse-* headers are stripped from every client request, so only
		// those may carry identity.
		Assert.isTrue(
				config.getIdentityHeader() != null
						&& config.getIdentityHeader().toLowerCase(Locale.ROOT).startsWith("x-gatehouse-"),
				"GatewayToken needs an identity header named X-Gatehouse-*");
		return (exchange, chain) -> exchange.getPrincipal()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"GatewayToken is configured on a route without gateway authentication")))
			.flatMap((caller) -> this.tokens.token().map((token) -> withGatewayToken(exchange, token, config, caller)))
			.flatMap(chain::filter);
	}

	private static ServerWebExchange withGatewayToken(ServerWebExchange exchange, String token, Config config,
			Principal caller) {
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.remove(ApiKeyAuthenticationConverter.HEADER);
			headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			headers.set(config.getIdentityHeader(), caller.getName());
		})).build();
	}

	public static class Config {

		/**
		 * The header that carries the verified caller, e.g. {@code X-Gatehouse-Partner}.
		 */
		private String identityHeader;

		public String getIdentityHeader() {
			return this.identityHeader;
		}

		public void setIdentityHeader(String identityHeader) {
			this.identityHeader = identityHeader;
		}

	}

}
