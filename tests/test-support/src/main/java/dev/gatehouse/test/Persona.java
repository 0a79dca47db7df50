package dev.gatehouse.test;

import java.util.List;

/**
 * The contract's demo users with the realm roles Keycloak puts in their tokens: the
 * persona role and, because Keycloak expands composites, each role it contains.
 */
public enum Persona {

	ALICE("alice", "customer"), FRANK("frank", "customer"),
	BOB("bob", "agent", "customer:read", "customer:write", "policy:read"),
	CAROL("carol", "underwriter", "policy:read", "policy:write", "policy:approve"),
	DAVE("dave", "auditor", "customer:read", "policy:read"), EVE("eve");

	private final String username;

	private final List<String> realmRoles;

	Persona(String username, String... realmRoles) {
		this.username = username;
		this.realmRoles = List.of(realmRoles);
	}

	public String username() {
		return this.username;
	}

	public List<String> realmRoles() {
		return this.realmRoles;
	}

}
