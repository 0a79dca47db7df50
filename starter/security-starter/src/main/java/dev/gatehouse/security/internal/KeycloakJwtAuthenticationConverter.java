package dev.gatehouse.security.internal;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import dev.gatehouse.security.GatehouseSecurityProperties;

/**
 * The JWT converter of every Gatehouse resource server: roles from Keycloak's claims as
 * authorities, and Spring's JWT converter with the configured principal claim, falling
 * back to {@code sub} for a token that lacks it (a client whose token has no
 * {@code profile} scope has no {@code preferred_username}): Spring would name such a
 * caller null, which ownership checks, logs and rate-limit keys cannot use.
 */
public class KeycloakJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String principalClaim;

	private final JwtAuthenticationConverter byPrincipalClaim;

	private final JwtAuthenticationConverter bySubject;

	public KeycloakJwtAuthenticationConverter(GatehouseSecurityProperties properties) {
		ClaimAuthoritiesConverter authorities = new ClaimAuthoritiesConverter(properties.effectiveAuthorities());
		this.principalClaim = properties.getPrincipalClaim();
		this.byPrincipalClaim = converter(authorities, this.principalClaim);
		this.bySubject = converter(authorities, JwtClaimNames.SUB);
	}

	private static JwtAuthenticationConverter converter(ClaimAuthoritiesConverter authorities, String principalClaim) {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		converter.setPrincipalClaimName(principalClaim);
		return converter;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		return (jwt.hasClaim(this.principalClaim) ? this.byPrincipalClaim : this.bySubject).convert(jwt);
	}

}
