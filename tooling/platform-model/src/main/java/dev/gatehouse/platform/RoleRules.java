package dev.gatehouse.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.platform.PlatformDescription.Endpoint;
import dev.gatehouse.platform.PlatformDescription.Route;

/**
 * gatehouse.security.rules from the endpoints' any-authority: the service's rules for its
 * own paths, the gateway's for the public paths of its token routes. One rule per method
 * and path; a path with fewer wildcards comes first, so that /api/customers/me is decided
 * before /api/customers/* (the first matching rule decides).
 */
final class RoleRules {

	private RoleRules() {
	}

	static List<Map<String, Object>> forService(PlatformDescription description, String service) {
		Set<Rule> rules = new LinkedHashSet<>();
		description.endpoints(service)
			.forEach((endpoint) -> rules
				.add(new Rule(pattern(endpoint.path()), endpoint.method(), endpoint.anyAuthority())));
		return ordered(rules);
	}

	static List<Map<String, Object>> forGateway(PlatformDescription description) {
		Set<Rule> rules = new LinkedHashSet<>();
		for (Route route : description.routes()) {
			if (!route.takesTokens()) {
				continue;
			}
			for (Endpoint endpoint : description.endpoints(route.service())) {
				String path = publicPath(route, endpoint.path());
				if (path != null) {
					rules.add(new Rule(pattern(path), endpoint.method(), endpoint.anyAuthority()));
				}
			}
		}
		return ordered(rules);
	}

	/** The public path under which a route reaches a service path, or null. */
	static String publicPath(Route route, String servicePath) {
		String candidate = servicePath;
		if (route.rewriteFrom() != null) {
			if (!servicePath.startsWith(route.rewriteTo())) {
				return null;
			}
			candidate = route.rewriteFrom() + servicePath.substring(route.rewriteTo().length());
		}
		String concrete = candidate;
		return route.paths().stream().anyMatch((pattern) -> matches(pattern, concrete)) ? candidate : null;
	}

	private static boolean matches(String pattern, String path) {
		if (pattern.endsWith("/**")) {
			String prefix = pattern.substring(0, pattern.length() - 3);
			return path.equals(prefix) || path.startsWith(prefix + "/");
		}
		return pattern.equals(path);
	}

	/**
	 * /api/policies/{id}/status as the rule pattern /api/policies/{@literal *}/status.
	 */
	private static String pattern(String path) {
		return path.replaceAll("\\{[^/}]+}", "*");
	}

	private static List<Map<String, Object>> ordered(Set<Rule> rules) {
		List<Rule> sorted = new ArrayList<>(rules);
		sorted.sort(Comparator.comparingLong((Rule rule) -> rule.pattern().chars().filter((c) -> c == '*').count()));
		List<Map<String, Object>> entries = new ArrayList<>();
		for (Rule rule : sorted) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("pattern", rule.pattern());
			entry.put("methods", List.of(rule.method()));
			entry.put("any-authority", rule.anyAuthority());
			entries.add(entry);
		}
		return entries;
	}

	private record Rule(String pattern, String method, List<String> anyAuthority) {
	}

}
