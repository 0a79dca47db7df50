package dev.gatehouse.gateway.apidocs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A gateway route as the descriptions need it: the public path patterns of its Path
 * predicate, its RewritePath (if any), the credentials it takes, and whether the gateway
 * calls the service with its own token (GatewayToken) rather than the caller's.
 */
record PublicRoute(String id, String service, List<PathPattern> patterns, Pattern rewrite, String replacement,
		List<String> credentials, boolean gatewayToken) {

	/**
	 * The public path template under which this route reaches a service's path template,
	 * if it does. The rewrite is applied forward to the literal prefix of each public
	 * pattern to learn the service's prefix; the candidate is then checked forward too:
	 * the route matches it and rewrites it to exactly the service's path.
	 */
	Optional<String> publicPath(String servicePath) {
		for (PathPattern pattern : this.patterns) {
			String candidate = servicePath;
			if (this.rewrite != null) {
				String publicPrefix = literalPrefix(pattern.getPatternString());
				String servicePrefix = rewritten(publicPrefix + "x");
				if (!servicePrefix.endsWith("x")) {
					continue;
				}
				servicePrefix = servicePrefix.substring(0, servicePrefix.length() - 1);
				if (!servicePath.startsWith(servicePrefix)) {
					continue;
				}
				candidate = publicPrefix + servicePath.substring(servicePrefix.length());
			}
			String sample = sample(candidate);
			if (pattern.matches(PathContainer.parsePath(sample)) && rewritten(sample).equals(sample(servicePath))) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/** As RewritePathGatewayFilterFactory does it. */
	private String rewritten(String path) {
		return (this.rewrite != null) ? this.rewrite.matcher(path).replaceAll(this.replacement) : path;
	}

	/** A concrete path for a template: each {variable} becomes one segment. */
	private static String sample(String template) {
		return template.replaceAll("\\{[^/}]+}", "x1");
	}

	private static String literalPrefix(String pattern) {
		int wildcard = pattern.length();
		for (String marker : List.of("*", "{", "?")) {
			int at = pattern.indexOf(marker);
			if (at >= 0 && at < wildcard) {
				wildcard = at;
			}
		}
		return pattern.substring(0, wildcard);
	}

}
