package dev.gatehouse.gateway.backend;

import java.security.Principal;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.apikey.ApiKeyAuthenticationConverter;
import dev.gatehouse.security.Brand;
import dev.gatehouse.security.GatewayVouching;

/**
 * {@code GatewayToken=<identity>}: for callers the gateway authenticated itself (API key,
 * client certificate, Basic), the backend gets the gateway's own client-credentials token
 * instead of the caller's credentials, plus the verified caller in the identity's header
 * under the brand's prefix ({@code Partner}: {@code X-Gatehouse-Partner}, {@code Caller}:
 * {@code X-Gatehouse-Caller} by default). The client's {@code Authorization} and
 * {@code x-api-key} never reach the backend.
 * <p>
 * Spring Cloud Gateway's {@code TokenRelay} relays a token obtained for the signed-in
 * user and caches one per principal; this filter uses the single token of the gateway's
 * registration ({@link GatewayTokens}).
 */
public class GatewayTokenGatewayFilterFactory
		extends AbstractGatewayFilterFactory<GatewayTokenGatewayFilterFactory.Config> {

	private static final List<String> IDENTITIES = List.of(GatewayVouching.PARTNER, GatewayVouching.CALLER);

	private final GatewayTokens tokens;

	public GatewayTokenGatewayFilterFactory(GatewayTokens tokens) {
		super(Config.class);
		this.tokens = tokens;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("identity");
	}

	@Override
	public GatewayFilter apply(Config config) {
		// Only headers with the brand's prefix are stripped from every client request, so
		// only those may carry identity: the filter names the identity, the brand the
		// header.
		Assert.isTrue(IDENTITIES.contains(config.getIdentity()),
				() -> "GatewayToken needs an identity of " + IDENTITIES + ", not " + config.getIdentity());
		return (exchange, chain) -> exchange.getPrincipal()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"GatewayToken is configured on a route without gateway authentication")))
			.flatMap((caller) -> this.tokens.token()
				.map((token) -> withGatewayToken(exchange, token, Brand.current().header(config.getIdentity()),
						caller)))
			.flatMap(chain::filter);
	}

	private static ServerWebExchange withGatewayToken(ServerWebExchange exchange, String token, String header,
			Principal caller) {
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.remove(ApiKeyAuthenticationConverter.HEADER);
			headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			headers.set(header, caller.getName());
		})).build();
	}

	public static class Config {

		/**
		 * What the verified caller is: {@code Partner} or {@code Caller}, the name of its
		 * header after the brand's prefix.
		 */
		private String identity;

		public String getIdentity() {
			return this.identity;
		}

		public void setIdentity(String identity) {
			this.identity = identity;
		}

	}

}
