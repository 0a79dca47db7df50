package dev.gatehouse.security.internal;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetAwareJWSKeySelector;

/**
 * Nimbus's {@code JWSVerificationKeySelector}, with two differences.
 * <p>
 * A token that names another issuer gets no key, so it never makes the service fetch the
 * key set. Such tokens (from another realm, say) carry key ids the set does not hold;
 * each would spend one of the few refetches the rate limit allows, and a key the issuer
 * really added would then be refused until the interval has passed. The claims are not
 * trusted yet, but they cannot gain anything: the issuer is checked again after the
 * signature ({@link TokenValidators}).
 * <p>
 * Each JWK is turned into a Java public key once: Nimbus converts the key (Base64 modulus
 * to BigInteger) again for every token, a sizeable share of a verification. Keys are
 * remembered per JWK value; a rotated key set brings other JWKs, and a removed key is
 * never asked for again (the map is cleared if it ever grows past a bound).
 */
final class ConvertedKeySelector implements JWTClaimsSetAwareJWSKeySelector<SecurityContext> {

	private static final int MAX_REMEMBERED = 64;

	private final String issuer;

	private final Set<JWSAlgorithm> algorithms;

	private final JWKSource<SecurityContext> keys;

	private final Map<JWK, List<Key>> converted = new ConcurrentHashMap<>();

	ConvertedKeySelector(String issuer, Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys) {
		this.issuer = issuer;
		this.algorithms = algorithms;
		this.keys = keys;
	}

	@Override
	public List<? extends Key> selectKeys(JWSHeader header, JWTClaimsSet claims, SecurityContext context)
			throws KeySourceException {
		if (!this.issuer.equals(claims.getIssuer()) || !this.algorithms.contains(header.getAlgorithm())) {
			return List.of();
		}
		JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
		if (matcher == null) {
			return List.of();
		}
		List<Key> selected = new ArrayList<>();
		for (JWK jwk : this.keys.get(new JWKSelector(matcher), context)) {
			if (this.converted.size() > MAX_REMEMBERED) {
				this.converted.clear();
			}
			selected.addAll(this.converted.computeIfAbsent(jwk, (key) -> KeyConverter.toJavaKeys(List.of(key))));
		}
		return selected;
	}

}
