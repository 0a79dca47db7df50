package dev.gatehouse.security.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.gatehouse.security.GatehouseSecurityProperties.AuthorityClaim;

/**
 * Reads roles from the configured claims. Spring's JwtGrantedAuthoritiesConverter reads
 * one top-level claim; Keycloak nests roles ({@code realm_access.roles}) and Entra ID and
 * Okta use other claims, so this walks dotted paths and accepts arrays or space-separated
 * strings.
 */
public class ClaimAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final List<AuthorityClaim> claims;

	public ClaimAuthoritiesConverter(List<AuthorityClaim> claims) {
		this.claims = List.copyOf(claims);
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		for (AuthorityClaim claim : this.claims) {
			for (String value : values(jwt.getClaims(), claim.claim())) {
				authorities.add(new SimpleGrantedAuthority(claim.prefixOrEmpty() + value));
			}
		}
		return authorities;
	}

	private static Collection<String> values(Map<String, Object> claims, String path) {
		Object node = claims;
		for (String segment : path.split("\\.")) {
			if (!(node instanceof Map<?, ?> map)) {
				return List.of();
			}
			node = map.get(segment);
		}
		if (node instanceof String string) {
			return List.of(string.trim().split("\\s+")).stream().filter((s) -> !s.isEmpty()).toList();
		}
		if (node instanceof Collection<?> collection) {
			return collection.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}

}
