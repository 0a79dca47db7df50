package dev.gatehouse.bench.plainscg;

import java.security.Principal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;

/**
 * BENCHMARK ONLY: the gateway a user following Spring's guides would build, for
 * bench/run's {@code plain-scg-null} variant. Security is Spring Boot's resource-server
 * auto-configuration ({@code spring.security.oauth2.resourceserver.jwt.*}: every exchange
 * authenticated by a JWT verified against the key set, issuer and audience checked); the
 * route and its {@code RedisRateLimiter} are in {@code application.yaml}. The only code
 * is the key resolver, as in Spring Cloud Gateway's reference documentation.
 */
@SpringBootApplication
public class PlainScgApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlainScgApplication.class, args);
	}

	/** One rate-limit bucket per authenticated principal (the token's {@code sub}). */
	@Bean
	KeyResolver principalKeyResolver() {
		return (exchange) -> exchange.getPrincipal().map(Principal::getName);
	}

}
