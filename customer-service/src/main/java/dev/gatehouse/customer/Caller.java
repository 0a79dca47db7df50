package dev.gatehouse.customer;

import org.springframework.security.core.Authentication;

import dev.gatehouse.security.GatewayVouching;

/**
 * What the controller needs to know about the caller for ownership: self-service
 * customers see only their own records, callers with {@code customer:read} see all, and a
 * partner system (authority {@code partner:<name>}) sees none, whatever its roles
 * (gatehouse.yaml, {@code authorization}).
 */
record Caller(String username, boolean staff, boolean partner) {

	static Caller of(Authentication authentication) {
		boolean staff = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "customer:read".equals(authority.getAuthority())
					|| "customer:write".equals(authority.getAuthority()));
		boolean partner = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> authority.getAuthority().startsWith(GatewayVouching.PARTNER_AUTHORITY_PREFIX));
		return new Caller(authentication.getName(), staff, partner);
	}

	boolean mayAccess(Customer customer) {
		return this.staff || customer.isOwnedBy(this.username);
	}

}
