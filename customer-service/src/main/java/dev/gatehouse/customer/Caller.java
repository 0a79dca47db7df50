package dev.gatehouse.customer;

import org.springframework.security.core.Authentication;

/**
 * What the controller needs to know about the caller for ownership: self-service customers see
 * only their own records, callers with {@code customer:read} see all.
 */
record Caller(String username, boolean staff) {

	static Caller of(Authentication authentication) {
		boolean staff = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "customer:read".equals(authority.getAuthority())
					|| "customer:write".equals(authority.getAuthority()));
		return new Caller(authentication.getName(), staff);
	}

	boolean mayAccess(Customer customer) {
		return this.staff || customer.isOwnedBy(this.username);
	}

}
