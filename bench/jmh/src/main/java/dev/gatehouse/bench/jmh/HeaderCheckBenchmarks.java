package dev.gatehouse.bench.jmh;

import java.util.Base64;
import java.util.function.Predicate;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import dev.gatehouse.security.internal.HeaderCharacters;
import dev.gatehouse.security.reactive.WellFormedBearerTokenConverter;

/**
 * What reading a bearer token costs before any cryptography, per request: Spring
 * Security's converter and firewall check (regular expressions) against the starter's
 * equivalents (loops), on an Authorization header as long as a Keycloak access token's
 * (about 1.3 kB). A microbenchmark sees the regular expressions at their best: in the
 * gateway, every pattern of the application shares the JIT's profile of the same
 * character-class lambdas, and the calls become megamorphic.
 */
public class HeaderCheckBenchmarks extends BenchmarkState {

	private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

	private final ServerAuthenticationConverter wellFormed = new WellFormedBearerTokenConverter();

	private final Predicate<String> springHeaderValues = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES;

	private String authorization;

	private MockServerWebExchange exchange;

	@Setup
	public void setUp() {
		byte[] payload = new byte[700];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) ('a' + i % 26);
		}
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		this.authorization = "Bearer " + url.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes()) + "."
				+ url.encodeToString(payload) + "." + url.encodeToString(new byte[256]);
		this.exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/customers/C-1001").header("Authorization", this.authorization));
	}

	@Benchmark
	public Authentication springBearerConverter() {
		return this.spring.convert(this.exchange).block();
	}

	@Benchmark
	public Authentication wellFormedBearerConverter() {
		return this.wellFormed.convert(this.exchange).block();
	}

	@Benchmark
	public boolean springFirewallHeaderValue() {
		return this.springHeaderValues.test(this.authorization);
	}

	@Benchmark
	public boolean headerCharactersValue() {
		return HeaderCharacters.allowedValue(this.authorization);
	}

}
