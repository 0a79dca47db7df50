package dev.gatehouse.security.internal;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Words for a 403: which roles the route needs and which the token has, so the caller
 * knows what to ask for.
 */
public final class AccessDenials {

	private AccessDenials() {
	}

	/**
	 * For the servlet stack, where the denial carries the authorities the rule wanted.
	 */
	public static String detail(String route, AccessDeniedException denied, Authentication caller) {
		if (denied instanceof AuthorizationDeniedException authorization
				&& authorization.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
			return detail(route, names(decision.getAuthorities()), caller);
		}
		return detail(route, List.of(), caller);
	}

	/**
	 * @param required the authorities of which the route needs one; empty when no rule
	 * admits anyone
	 */
	public static String detail(String route, Collection<String> required, Authentication caller) {
		if (required.isEmpty()) {
			return route + " is not open to this caller: no rule grants it to the token's roles.";
		}
		return route + " needs one of the roles " + new TreeSet<>(required) + "; the token grants "
				+ ((caller != null) ? names(caller.getAuthorities()) : "[]") + ".";
	}

	private static TreeSet<String> names(Collection<? extends GrantedAuthority> authorities) {
		TreeSet<String> names = new TreeSet<>();
		authorities.stream()
			.map(GrantedAuthority::getAuthority)
			// Spring Security 7 adds FACTOR_* authorities recording how the caller
			// authenticated.
			.filter((name) -> !name.startsWith("FACTOR_"))
			.forEach(names::add);
		return names;
	}

}
