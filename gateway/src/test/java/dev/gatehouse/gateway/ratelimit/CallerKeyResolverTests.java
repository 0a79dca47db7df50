package dev.gatehouse.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Limit;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.OnStoreFailure;
import dev.gatehouse.gateway.ratelimit.RateLimitProperties.Route;
import dev.gatehouse.gateway.web.GatewayAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class CallerKeyResolverTests {

	final CallerKeyResolver resolver = new CallerKeyResolver();

	@Test
	void tokenCallersAreKeyedByClientAndUser() {
		RateLimitKey key = resolve(exchange(jwt(Map.of("azp", "gatehouse-web", "sub", "u-1"))));
		assertThat(key.bucket()).isEqualTo("jwt:gatehouse-web:u-1");
		assertThat(key.client()).isEqualTo("gatehouse-web");
		assertThat(key.partner()).isNull();
	}

	@Test
	void tokenWithoutClientOrSubjectFallsBackToTheClientAddressNotAnEmptyKey() {
		RateLimitKey key = resolve(exchange(jwt(Map.of("sub", "u-1"))));
		assertThat(key.bucket()).isEqualTo("ip:198.51.100.7");
	}

	@Test
	void basicUsersAreKeyedByUserName() {
		Authentication basic = UsernamePasswordAuthenticationToken.authenticated("ops", null,
				AuthorityUtils.NO_AUTHORITIES);
		assertThat(resolve(exchange(basic)).bucket()).isEqualTo("user:ops");
	}

	@Test
	void anonymousCallersAreKeyedByTheAddressResolvedThroughTrustedProxiesNotThePeer() {
		RateLimitKey key = resolve(exchange(null));
		assertThat(key.bucket()).isEqualTo("ip:198.51.100.7");
	}

	@Test
	void theSeparatorInAClaimCannotForgeAnotherClientOrPlan() {
		RateLimitKey key = resolve(exchange(jwt(Map.of("azp", "web", "sub", "x|acme|acme|gold"))));
		assertThat(key.bucket()).isEqualTo("jwt:web:x_acme_acme_gold");
		assertThat(key.partner()).isNull();
		assertThat(key.plan()).isNull();
	}

	@Test
	void partnerKeysCarryPartnerAndPlanThroughEncoding() {
		RateLimitKey key = RateLimitKey.decode(RateLimitKey.partner("acme", "gold").encode());
		assertThat(key).isEqualTo(new RateLimitKey("partner:acme", "acme", "acme", "gold"));
	}

	@Test
	void clientOverrideBeatsPlanOverrideBeatsTheRouteLimit() {
		Route route = new Route(5, 10, 1, Map.of("gold", new Limit(20, 40, 1)),
				Map.of("big-partner", new Limit(50, 100, 1)), OnStoreFailure.LOCAL);
		assertThat(GatehouseRateLimiter.tier("partner-v1", route, RateLimitKey.partner("big-partner", "gold")).limit())
			.isEqualTo(new Limit(50, 100, 1));
		assertThat(GatehouseRateLimiter.tier("partner-v1", route, RateLimitKey.partner("acme", "gold")).name())
			.isEqualTo("partner-v1.plan.gold");
		assertThat(GatehouseRateLimiter.tier("partner-v1", route, RateLimitKey.partner("acme", "bronze")).limit())
			.isEqualTo(new Limit(5, 10, 1));
	}

	RateLimitKey resolve(ServerWebExchange exchange) {
		String key = this.resolver.resolve(exchange).block();
		assertThat(key).isNotBlank();
		return RateLimitKey.decode(key);
	}

	static ServerWebExchange exchange(Authentication authentication) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/policies")
			.remoteAddress(new InetSocketAddress("127.0.0.1", 40000))
			.header("X-Forwarded-For", "203.0.113.9"));
		exchange.getAttributes().put(GatewayAttributes.CLIENT_ADDRESS, address("198.51.100.7"));
		return (authentication != null) ? exchange.mutate().principal(Mono.just(authentication)).build() : exchange;
	}

	static JwtAuthenticationToken jwt(Map<String, Object> claims) {
		Jwt jwt = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.claims((all) -> all.putAll(claims))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
		return new JwtAuthenticationToken(jwt, AuthorityUtils.NO_AUTHORITIES);
	}

	static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
