package dev.gatehouse.gateway.apidocs;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The gateway's routes per service, read from the route definitions themselves (Path
 * predicates, RewritePath and GatewayToken filters), so the descriptions follow the
 * routes wherever they change. A route's service is the entry of
 * {@code gatehouse.backends} its URI is.
 */
final class PublicRoutes {

	private final Map<String, URI> services;

	private final Map<String, List<PublicRoute>> routes;

	private PublicRoutes(Map<String, URI> services, Map<String, List<PublicRoute>> routes) {
		this.services = services;
		this.routes = routes;
	}

	static PublicRoutes of(List<RouteDefinition> definitions, Map<String, URI> backends, ApiDocsProperties properties) {
		Map<String, URI> services = new LinkedHashMap<>();
		Map<String, List<PublicRoute>> routes = new LinkedHashMap<>();
		for (RouteDefinition definition : definitions) {
			List<String> credentials = properties.routes().get(definition.getId());
			String service = serviceOf(definition.getUri(), backends);
			if (credentials == null || service == null) {
				continue;
			}
			services.put(service, backends.get(service));
			routes.computeIfAbsent(service, (key) -> new ArrayList<>()).add(route(definition, service, credentials));
		}
		return new PublicRoutes(services, routes);
	}

	/** The services with at least one described route, and where each is reached. */
	Map<String, URI> services() {
		return this.services;
	}

	List<PublicRoute> of(String service) {
		return this.routes.getOrDefault(service, List.of());
	}

	private static PublicRoute route(RouteDefinition definition, String service, List<String> credentials) {
		List<PathPattern> patterns = new ArrayList<>();
		definition.getPredicates()
			.stream()
			.filter((predicate) -> predicate.getName().equals("Path"))
			.forEach((predicate) -> predicate.getArgs()
				.values()
				.forEach((value) -> patterns.add(PathPatternParser.defaultInstance.parse(value))));
		Pattern rewrite = null;
		String replacement = null;
		boolean gatewayToken = false;
		for (FilterDefinition filter : definition.getFilters()) {
			if (filter.getName().equals("RewritePath")) {
				List<String> args = new ArrayList<>(filter.getArgs().values());
				rewrite = Pattern.compile(args.get(0));
				// As RewritePathGatewayFilterFactory: "$\" stands for "$" in YAML.
				replacement = args.get(1).replace("$\\", "$");
			}
			if (filter.getName().equals("GatewayToken")) {
				gatewayToken = true;
			}
		}
		return new PublicRoute(definition.getId(), service, List.copyOf(patterns), rewrite, replacement,
				List.copyOf(credentials), gatewayToken);
	}

	private static String serviceOf(URI uri, Map<String, URI> backends) {
		return backends.entrySet()
			.stream()
			.filter((backend) -> normalized(backend.getValue()).equals(normalized(uri)))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

	private static String normalized(URI uri) {
		return uri.toString().replaceAll("/+$", "");
	}

}
