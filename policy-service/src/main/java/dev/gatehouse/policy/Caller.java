package dev.gatehouse.policy;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;

import dev.gatehouse.security.GatewayVouching;

/**
 * What the controllers need to know about the caller for ownership and for decisions the
 * route rules cannot make. A partner system (authority {@code partner:<name>}: the
 * {@code partner} claim of its token, or the partner the gateway vouches for) sees the
 * policies it sold and nothing else, whatever its roles; otherwise staff (any policy
 * role) see every policy, the {@code customer} persona only the ones they hold
 * (gatehouse.yaml, {@code authorization}).
 */
record Caller(String username, Set<String> authorities, String partner) {

	static final String READ = "policy:read";

	static final String WRITE = "policy:write";

	static final String APPROVE = "policy:approve";

	static final String READ_CUSTOMERS = "customer:read";

	static Caller of(Authentication authentication) {
		Set<String> authorities = new TreeSet<>();
		authentication.getAuthorities().forEach((authority) -> authorities.add(authority.getAuthority()));
		Set<String> partners = new TreeSet<>();
		authorities.stream()
			.filter((authority) -> authority.startsWith(GatewayVouching.PARTNER_AUTHORITY_PREFIX))
			.forEach((authority) -> partners
				.add(authority.substring(GatewayVouching.PARTNER_AUTHORITY_PREFIX.length())));
		// A token naming two partners matches no policy's partner: it sees nothing rather
		// than both.
		String partner = partners.isEmpty() ? null : String.join(",", partners);
		return new Caller(authentication.getName(), authorities, partner);
	}

	boolean has(String authority) {
		return this.authorities.contains(authority);
	}

	boolean isPartner() {
		return this.partner != null;
	}

	boolean staff() {
		return !isPartner() && (has(READ) || has(WRITE) || has(APPROVE));
	}

	boolean mayAccess(Policy policy) {
		return isPartner() ? policy.isSoldBy(this.partner) : staff() || policy.isHeldBy(this.username);
	}

	/**
	 * Writers open policies for anyone; a customer only for the record their own login
	 * owns.
	 */
	boolean mayCreateFor(String customerOwner) {
		return has(WRITE) || (customerOwner != null && customerOwner.equals(this.username));
	}

}
