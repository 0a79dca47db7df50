package dev.gatehouse.test.authorization;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a component's role rules ({@code gatehouse.security.rules}, first match wins)
 * give every declared endpoint exactly the roles gatehouse.yaml declares for it, and
 * whether each rule serves a declared endpoint: the agreement that keeps the gateway, the
 * services and the declaration from drifting apart until the rules are generated from the
 * declaration.
 */
public final class RoleRules {

	private RoleRules() {
	}

	/**
	 * A rule as configured: path pattern, methods (empty: all), authorities of which one
	 * is needed.
	 */
	public record Rule(String pattern, List<String> methods, List<String> anyAuthority) {

		boolean matches(String method, String path) {
			return (this.methods.isEmpty() || this.methods.stream().anyMatch(method::equalsIgnoreCase))
					&& PathTemplates.matches(this.pattern, path);
		}

		@Override
		public String toString() {
			return (this.methods.isEmpty() ? "any method" : String.join(",", this.methods)) + " " + this.pattern;
		}

	}

	/**
	 * An endpoint as the component sees it: method, path template there, and the declared
	 * roles.
	 */
	public record Expected(String method, String path, List<String> anyAuthority) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/** What does not agree, one sentence each; empty when everything does. */
	public static List<String> disagreements(String component, List<Rule> rules, List<Expected> endpoints) {
		List<String> problems = new ArrayList<>();
		Set<Rule> used = new HashSet<>();
		for (Expected endpoint : endpoints) {
			String path = PathTemplates.sample(endpoint.path());
			Rule first = rules.stream()
				.filter((rule) -> rule.matches(endpoint.method(), path))
				.findFirst()
				.orElse(null);
			if (first == null) {
				problems.add(component + ": no rule admits " + endpoint + ", which gatehouse.yaml declares with "
						+ new TreeSet<>(endpoint.anyAuthority()));
				continue;
			}
			used.add(first);
			if (!new TreeSet<>(first.anyAuthority()).equals(new TreeSet<>(endpoint.anyAuthority()))) {
				problems.add(component + ": " + endpoint + " is decided by the rule " + first + " with "
						+ new TreeSet<>(first.anyAuthority()) + ", gatehouse.yaml declares "
						+ new TreeSet<>(endpoint.anyAuthority()));
			}
		}
		rules.stream()
			.filter((rule) -> !used.contains(rule))
			.forEach((rule) -> problems.add(component + ": the rule " + rule + " " + new TreeSet<>(rule.anyAuthority())
					+ " decides no endpoint gatehouse.yaml declares"));
		return problems;
	}

}
