package dev.gatehouse.gateway.dpop;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * DPoP (RFC 9449) on the Bearer routes. Proofs and nonces live in the rate-limit store
 * ({@code gatehouse.gateway.rate-limits.store}): with Redis, a proof used at one replica
 * is refused at all of them and every replica hands out and accepts the same nonces.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DpopProperties.class)
class DpopConfiguration {

	private static final String NONCE_SECRET_KEY = "gatehouse:dpop:nonce-secret";

	/**
	 * Proofs remembered in memory at most (a minute of proofs at more than 3000 requests
	 * a second).
	 */
	private static final int MAX_REMEMBERED_PROOFS = 200_000;

	@Bean
	DpopAuthentication dpopAuthentication(DpopProperties properties, GatehouseSecurityProperties tokenProperties,
			ReactiveJwtDecoder decoder, Converter<Jwt, Mono<AbstractAuthenticationToken>> converter, Clock clock,
			@Value("${gatehouse.gateway.rate-limits.store:memory}") String store,
			@Value("${gatehouse.gateway.rate-limits.redis-timeout:200ms}") Duration redisTimeout,
			ReactiveStringRedisTemplate redis, MeterRegistry meters, ReactiveProblemResponses responses,
			SecurityAudit audit) {
		boolean shared = "redis".equalsIgnoreCase(store);
		ProofReplays replays = shared ? new RedisProofReplays(redis, properties.replayWindow(), redisTimeout, meters)
				: new MemoryProofReplays(properties.replayWindow(), MAX_REMEMBERED_PROOFS, clock);
		DpopNonces nonces = new DpopNonces(nonceSecret(properties, shared, redis), properties.getNonce().getRotation(),
				redisTimeout, clock);
		JwtReactiveAuthenticationManager tokens = new JwtReactiveAuthenticationManager(decoder);
		tokens.setJwtAuthenticationConverter(converter);
		DpopAuthenticationManager manager = new DpopAuthenticationManager(tokens,
				new DpopProofVerifier(properties, clock), replays, nonces, properties.getNonce().isRequired());
		DpopProblems problems = new DpopProblems(properties.getAlgorithms(), nonces, tokenProperties, responses, audit);
		return new DpopAuthentication(properties, manager, problems, nonces);
	}

	/**
	 * The configured secret, else one stored in Redis by the first replica, else this
	 * instance's own.
	 */
	private static Mono<byte[]> nonceSecret(DpopProperties properties, boolean shared,
			ReactiveStringRedisTemplate redis) {
		String configured = properties.getNonce().getSecret();
		if (configured != null && !configured.isBlank()) {
			return Mono.just(configured.getBytes(StandardCharsets.UTF_8));
		}
		if (!shared) {
			return DpopNonces.ownSecret();
		}
		return Mono.defer(() -> {
			byte[] candidate = new byte[32];
			new SecureRandom().nextBytes(candidate);
			return redis.opsForValue()
				.setIfAbsent(NONCE_SECRET_KEY, Base64.getEncoder().encodeToString(candidate))
				.then(redis.opsForValue().get(NONCE_SECRET_KEY))
				.map((stored) -> Base64.getDecoder().decode(stored));
		});
	}

	/**
	 * Reads the nonce secret once at start-up, with more time than a request gets: the
	 * first Redis command also opens the connection, which on a busy host can take longer
	 * than {@code redis-timeout}, and DPoP requests fail closed. Redis being down only
	 * delays start-up by the connect timeout.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> dpopStoreReady(DpopAuthentication dpop) {
		return (event) -> dpop.prime(Duration.ofSeconds(5));
	}

}
