package dev.gatehouse.gateway.apikey;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.GatewayProblemException;

/**
 * The caller of the key API: a person with the realm role {@code partner-admin} whose
 * token names their partner in the claim {@code partner}. Read from any Spring Security
 * {@link Authentication} whose principal carries claims (a bearer JWT, an OIDC login), so
 * the key API does not depend on how its caller signed in.
 *
 * @param name who, for the audit log
 * @param partner the only partner whose keys they may see and change
 */
record PartnerAdmin(String name, String partner) {

	static final String ROLE = "partner-admin";

	static final String PARTNER_CLAIM = "partner";

	static PartnerAdmin of(Authentication authentication) {
		boolean admin = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(ROLE::equals);
		if (!admin) {
			throw new GatewayProblemException(GatewayProblem.PARTNER_ADMIN_REQUIRED,
					"Managing API keys needs the role '" + ROLE + "', which '" + authentication.getName()
							+ "' does not have; ask your partner's administrator.",
					null);
		}
		String partner = partner(authentication.getPrincipal());
		if (partner == null || partner.isBlank()) {
			throw new GatewayProblemException(GatewayProblem.PARTNER_ADMIN_REQUIRED,
					"The token of '" + authentication.getName() + "' names no partner (claim '" + PARTNER_CLAIM
							+ "'); ask the identity provider's administrator to assign one.",
					null);
		}
		return new PartnerAdmin(authentication.getName(), partner);
	}

	private static String partner(Object principal) {
		if (principal instanceof ClaimAccessor claims) {
			return claims.getClaimAsString(PARTNER_CLAIM);
		}
		if (principal instanceof OAuth2AuthenticatedPrincipal attributes) {
			Object partner = attributes.getAttribute(PARTNER_CLAIM);
			return (partner != null) ? partner.toString() : null;
		}
		return null;
	}

}
