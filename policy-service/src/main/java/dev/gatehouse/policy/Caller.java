package dev.gatehouse.policy;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;

/**
 * What the controller needs to know about the caller for ownership and for decisions the route
 * rules cannot make: staff (any policy role) see every policy, the {@code customer} persona only
 * the ones they hold.
 */
record Caller(String username, Set<String> authorities) {

	static final String READ = "policy:read";

	static final String WRITE = "policy:write";

	static final String APPROVE = "policy:approve";

	static Caller of(Authentication authentication) {
		Set<String> authorities = new TreeSet<>();
		authentication.getAuthorities().forEach((authority) -> authorities.add(authority.getAuthority()));
		return new Caller(authentication.getName(), authorities);
	}

	boolean has(String authority) {
		return this.authorities.contains(authority);
	}

	boolean staff() {
		return has(READ) || has(WRITE) || has(APPROVE);
	}

	boolean mayAccess(Policy policy) {
		return staff() || policy.isHeldBy(this.username);
	}

	/** Writers open policies for anyone; a customer only for the record their own login owns. */
	boolean mayCreateFor(String customerOwner) {
		return has(WRITE) || (customerOwner != null && customerOwner.equals(this.username));
	}

}
