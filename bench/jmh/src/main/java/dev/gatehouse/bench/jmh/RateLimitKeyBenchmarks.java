package dev.gatehouse.bench.jmh;

import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The gateway's rate-limit key for a token caller ({@code jwt:<azp>:<sub>} with its
 * client), as Spring Cloud Gateway's {@code RequestRateLimiter} asks for it on every
 * request. The gateway's {@code CallerKeyResolver} is package-private, so it is created
 * reflectively and called through Spring Cloud Gateway's public {@link KeyResolver}
 * interface; making the class (or a factory) public would remove the reflection.
 */
public class RateLimitKeyBenchmarks extends BenchmarkState {

	private KeyResolver resolver;

	private MockServerWebExchange tokenExchange;

	private MockServerWebExchange anonymousExchange;

	@Setup
	public void setUp() throws Exception {
		Constructor<?> constructor = Class.forName("dev.gatehouse.gateway.ratelimit.CallerKeyResolver")
			.getDeclaredConstructor();
		constructor.setAccessible(true);
		this.resolver = (KeyResolver) constructor.newInstance();
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuer("http://localhost:8180/realms/gatehouse")
			.subject("0b6f7d1e-4f55-4a41-9a36-6c3d2f0e9a10")
			.audience(List.of("gatehouse-api"))
			.claim("azp", "reporting-batch")
			.claim("realm_access", Map.of("roles", List.of("customer:read", "policy:read")))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(3600))
			.build();
		JwtAuthenticationToken authentication = new JwtAuthenticationToken(jwt,
				List.of(new SimpleGrantedAuthority("customer:read")), "service-account-reporting-batch");
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/customers/C-1001")
			.remoteAddress(new InetSocketAddress("127.0.0.1", 50000))
			.build();
		this.tokenExchange = MockServerWebExchange.builder(request).principal(authentication).build();
		this.anonymousExchange = MockServerWebExchange.from(request);
		String key = this.resolver.resolve(this.tokenExchange).block();
		if (key == null || !key.startsWith("jwt:reporting-batch:")) {
			throw new IllegalStateException("unexpected rate-limit key " + key);
		}
	}

	/** A token caller: azp and sub from the authenticated JWT. */
	@Benchmark
	public String tokenCaller() {
		return this.resolver.resolve(this.tokenExchange).block();
	}

	/** No principal: keyed by the client address. */
	@Benchmark
	public String addressCaller() {
		return this.resolver.resolve(this.anonymousExchange).block();
	}

}
