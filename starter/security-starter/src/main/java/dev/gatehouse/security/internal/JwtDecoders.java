package dev.gatehouse.security.internal;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
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

import dev.gatehouse.security.GatehouseSecurityProperties;

/**
 * Builds the Nimbus processor behind {@link NimbusJwtDecoder}. Spring's builder does not
 * expose the key-set cache lifetime or the refetch rules, which decide how fast a removed
 * signing key stops being trusted and how fast a new one is trusted
 * ({@link IssuerKeySet}), so they are set here from properties. Keys are fetched lazily:
 * the service starts while the issuer is down.
 */
public final class JwtDecoders {

	private static final Logger logger = LoggerFactory.getLogger(JwtDecoders.class);

	/**
	 * The {@code typ} headers an access token may have: none, {@code JWT} or RFC 9068's
	 * {@code at+jwt}.
	 */
	private static final Set<JOSEObjectType> ACCEPTED_TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"));

	private JwtDecoders() {
	}

	public static DefaultJWTProcessor<SecurityContext> processor(GatehouseSecurityProperties properties) {
		return processor(properties, keySet(properties));
	}

	/**
	 * The issuer's keys: retrieved by Nimbus, cached and refetched by
	 * {@link IssuerKeySet}.
	 */
	private static IssuerKeySet keySet(GatehouseSecurityProperties properties) {
		int timeout = (int) properties.getJwkSetTimeout().toMillis();
		try {
			URLBasedJWKSetSource<SecurityContext> source = new URLBasedJWKSetSource<>(
					properties.effectiveJwkSetUri().toURL(),
					new DefaultResourceRetriever(timeout, timeout, 512 * 1024));
			logger.info(
					"Signing keys from {}: cached for {}, at most one fetch per {}; a key the issuer publishes is "
							+ "trusted within {}",
					properties.effectiveJwkSetUri(), properties.getJwkSetCacheTtl(),
					properties.getJwkSetRefetchMinInterval(), properties.newKeyTrustedWithin());
			return new IssuerKeySet(source, properties.getJwkSetCacheTtl(), properties.getJwkSetRefetchMinInterval(),
					properties.getJwkSetTimeout(), System::currentTimeMillis);
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("gatehouse.security.jwk-set-uri is not a URL: " + ex.getMessage(), ex);
		}
	}

	private static DefaultJWTProcessor<SecurityContext> processor(GatehouseSecurityProperties properties,
			IssuerKeySet keys) {
		Set<JWSAlgorithm> algorithms = properties.getAlgorithms()
			.stream()
			.map(JWSAlgorithm::parse)
			.collect(Collectors.toUnmodifiableSet());
		DefaultJWTProcessor<SecurityContext> processor = new JdkDecodingProcessor();
		processor.setJWTClaimsSetAwareJWSKeySelector(
				new ConvertedKeySelector(properties.getIssuerUri().toString(), algorithms, keys));
		Set<JOSEObjectType> types = new HashSet<>(ACCEPTED_TYPES);
		types.add(null);
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(types));
		// Claims are checked by Spring's validators (TokenValidators), which report
		// causes.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return processor;
	}

	/**
	 * The same processor behind the reactive decoder. Verifying with a cached key is CPU
	 * work and runs where the request is (the event loop), and so does refusing a key id
	 * that no fetch may look up yet; a token whose key may have to be fetched (none
	 * cached yet, an unknown key id, the cache about to expire) is verified where
	 * blocking is allowed.
	 */
	public static NimbusReactiveJwtDecoder reactive(GatehouseSecurityProperties properties) {
		IssuerKeySet keys = keySet(properties);
		DefaultJWTProcessor<SecurityContext> processor = processor(properties, keys);
		// No lambda here may return a Mono where a Publisher is declared: verifying that
		// would load
		// Reactive Streams in servlet services, which do not have it (this class serves
		// both).
		NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder((jwt) -> {
			Mono<JWTClaimsSet> verify = Mono.fromCallable(() -> processor.process(jwt, null));
			if (!keys.answersAtOnce(keyId(jwt), System.currentTimeMillis())) {
				verify = verify.subscribeOn(Schedulers.boundedElastic());
			}
			// As the servlet decoder reports them: a bad token is a 401, an unreachable
			// key set is not.
			return verify.onErrorMap(BadJOSEException.class, (ex) -> new BadJwtException(ex.getMessage(), ex))
				.onErrorMap(JOSEException.class, (ex) -> new JwtException(ex.getMessage(), ex));
		});
		decoder.setJwtValidator(TokenValidators.from(properties));
		return decoder;
	}

	/**
	 * Nimbus's processor, verifying a token whose parts the JDK decodes
	 * ({@link JdkBase64URL}).
	 */
	private static final class JdkDecodingProcessor extends DefaultJWTProcessor<SecurityContext> {

		@Override
		public JWTClaimsSet process(SignedJWT token, SecurityContext context) throws BadJOSEException, JOSEException {
			SignedJWT decoded;
			try {
				decoded = JdkBase64URL.parts(token);
			}
			catch (ParseException ex) {
				decoded = token;
			}
			return super.process(decoded, context);
		}

	}

	private static String keyId(JWT jwt) {
		return (jwt instanceof SignedJWT signed) ? signed.getHeader().getKeyID() : null;
	}

	/**
	 * Whether a token with this {@code typ} header passes the type check (null: the
	 * header has none).
	 */
	public static boolean acceptsType(JOSEObjectType type) {
		return type == null || ACCEPTED_TYPES.contains(type);
	}

	public static NimbusJwtDecoder servlet(GatehouseSecurityProperties properties) {
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor(properties));
		decoder.setJwtValidator(TokenValidators.from(properties));
		return decoder;
	}

}
