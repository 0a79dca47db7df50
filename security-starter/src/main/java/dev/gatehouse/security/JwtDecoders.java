package dev.gatehouse.security;

import java.net.MalformedURLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * Builds the Nimbus processor behind {@link NimbusJwtDecoder}. Spring's builder does not expose the
 * key-set cache lifetime or the refetch interval, and both decide how fast a removed signing key
 * stops being trusted, so they are set here from properties. Keys are fetched lazily: the service
 * starts while the issuer is down.
 */
public final class JwtDecoders {

	private JwtDecoders() {
	}

	public static DefaultJWTProcessor<SecurityContext> processor(GatehouseSecurityProperties properties) {
		return processor(properties, snapshot(properties));
	}

	/** Nimbus's key source: fetched lazily, cached, refetches rate-limited; with a snapshot on top. */
	private static KeySetSnapshot snapshot(GatehouseSecurityProperties properties) {
		int timeout = (int) properties.getJwkSetTimeout().toMillis();
		JWKSource<SecurityContext> built;
		try {
			built = JWKSourceBuilder
				.create(properties.effectiveJwkSetUri().toURL(), new DefaultResourceRetriever(timeout, timeout, 512 * 1024))
				.cache(properties.getJwkSetCacheTtl().toMillis(), timeout)
				.rateLimited(properties.getJwkSetRefetchMinInterval().toMillis())
				.refreshAheadCache(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("gatehouse.security.jwk-set-uri is not a URL: " + ex.getMessage(), ex);
		}
		if (!(built instanceof JWKSetBasedJWKSource<SecurityContext> chain)) {
			throw new IllegalStateException("Unexpected key source from Nimbus: " + built.getClass());
		}
		return new KeySetSnapshot(chain.getJWKSetSource(), properties.getJwkSetCacheTtl().toMillis());
	}

	private static DefaultJWTProcessor<SecurityContext> processor(GatehouseSecurityProperties properties,
			KeySetSnapshot snapshot) {
		JWKSource<SecurityContext> fetched = new JWKSetBasedJWKSource<>(snapshot);
		// A refetch refused by the rate limit means the token's key id is unknown to us: no key
		// matches (401), rather than an unreachable issuer (503).
		JWKSource<SecurityContext> keys = (selector, context) -> {
			try {
				return fetched.get(selector, context);
			}
			catch (RateLimitReachedException ex) {
				return List.of();
			}
		};
		Set<JWSAlgorithm> algorithms = properties.getAlgorithms()
			.stream()
			.map(JWSAlgorithm::parse)
			.collect(Collectors.toUnmodifiableSet());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWTClaimsSetAwareJWSKeySelector(
				new ConvertedKeySelector(properties.getIssuerUri().toString(), algorithms, keys));
		processor.setJWSTypeVerifier(
				new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
		// Claims are checked by Spring's validators (TokenValidators), which report causes.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return processor;
	}

	/**
	 * The same processor behind the reactive decoder. Verifying with a cached key is CPU work and runs
	 * where the request is (the event loop); a token whose key may have to be fetched (none cached yet,
	 * an unknown key id, the cache about to expire) is verified where blocking is allowed.
	 */
	public static NimbusReactiveJwtDecoder reactive(GatehouseSecurityProperties properties) {
		KeySetSnapshot snapshot = snapshot(properties);
		DefaultJWTProcessor<SecurityContext> processor = processor(properties, snapshot);
		// No lambda here may return a Mono where a Publisher is declared: verifying that would load
		// Reactive Streams in servlet services, which do not have it (this class serves both).
		NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder((jwt) -> {
			Mono<JWTClaimsSet> verify = Mono.fromCallable(() -> processor.process(jwt, null));
			if (!snapshot.holds(keyId(jwt), System.currentTimeMillis())) {
				verify = verify.subscribeOn(Schedulers.boundedElastic());
			}
			// As the servlet decoder reports them: a bad token is a 401, an unreachable key set is not.
			return verify.onErrorMap(BadJOSEException.class, (ex) -> new BadJwtException(ex.getMessage(), ex))
				.onErrorMap(JOSEException.class, (ex) -> new JwtException(ex.getMessage(), ex));
		});
		decoder.setJwtValidator(TokenValidators.from(properties));
		return decoder;
	}

	private static String keyId(JWT jwt) {
		return (jwt instanceof SignedJWT signed) ? signed.getHeader().getKeyID() : null;
	}

	public static NimbusJwtDecoder servlet(GatehouseSecurityProperties properties) {
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor(properties));
		decoder.setJwtValidator(TokenValidators.from(properties));
		return decoder;
	}

}
