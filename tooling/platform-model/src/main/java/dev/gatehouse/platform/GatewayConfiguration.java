package dev.gatehouse.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.platform.PlatformDescription.Route;
import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * The gateway's gatehouse-generated.yaml, which its application.yaml imports: its ports,
 * the routes with their filters, the role rules of the token routes, each route's rate
 * limit and credentials (api-docs), the backends' local addresses and a circuit breaker
 * per backend.
 */
final class GatewayConfiguration {

	/**
	 * The partner or operator the gateway authenticated itself, per credential: the name
	 * of its header after the brand's header prefix.
	 */
	private static final Map<String, String> IDENTITY_HEADERS = Map.of("api-key", "Partner", "client-certificate",
			"Partner", "basic", "Caller");

	private GatewayConfiguration() {
	}

	static String generate(PlatformDescription description) {
		Map<String, Object> tree = new LinkedHashMap<>();
		GatehouseSettings.ports(tree, description.gateway().port(), description.gateway().managementPort());
		List<Object> routes = new ArrayList<>();
		for (Route route : description.routes()) {
			routes.add(route(route));
		}
		GeneratedYaml.at(tree, "spring.cloud.gateway.server.webflux").put("routes", routes);
		Map<String, Object> instances = GeneratedYaml.at(tree, "resilience4j.circuitbreaker.instances");
		Map<String, Object> backends = GeneratedYaml.at(tree, "gatehouse.backends");
		for (Service service : description.serviceList()) {
			if (description.routes().stream().anyMatch((route) -> route.service().equals(service.name()))) {
				backends.put(service.name(), "http://127.0.0.1:" + service.port());
				instances.put(service.name(), ordered("base-config", "default"));
			}
		}
		GeneratedYaml.at(tree, "gatehouse.tls").put("port", description.gateway().tlsPort());
		GeneratedYaml.at(tree, "gatehouse.security").put("rules", RoleRules.forGateway(description));
		Map<String, Object> apiDocs = GeneratedYaml.at(tree, "gatehouse.gateway.api-docs.routes");
		Map<String, Object> limits = GeneratedYaml.at(tree, "gatehouse.gateway.rate-limits.routes");
		for (Route route : description.routes()) {
			apiDocs.put(route.id(), route.credentials());
			limits.put(route.id(), description.rateLimitTiers().get(route.rateLimit()));
		}
		GatehouseSettings.brand(tree, description.brand());
		return GeneratedYaml.write(
				"The gateway's brand, routes, role rules, rate limits and backends (application.yaml imports it).",
				tree);
	}

	private static Map<String, Object> route(Route route) {
		Map<String, Object> definition = new LinkedHashMap<>();
		definition.put("id", route.id());
		definition.put("uri", "${gatehouse.backends." + route.service() + "}");
		definition.put("predicates", List.of("Path=" + String.join(",", route.paths())));
		List<Object> filters = new ArrayList<>();
		// Limits per route, plan and client: gatehouse.gateway.rate-limits.
		filters.add(ordered("name", "RequestRateLimiter", "args", ordered("rate-limiter", "#{@gatehouseRateLimiter}",
				"key-resolver", "#{@callerKeyResolver}", "deny-empty-key", true)));
		if (route.rewriteFrom() != null) {
			filters.add("RewritePath=" + route.rewriteFrom() + "(?<rest>.*), " + route.rewriteTo() + "$\\{rest}");
		}
		// Credentials the gateway checks itself: it calls the service with its own token
		// and
		// the identity it authenticated.
		route.credentials()
			.stream()
			.map(IDENTITY_HEADERS::get)
			.filter((header) -> header != null)
			.distinct()
			.forEach((header) -> filters.add("GatewayToken=" + header));
		filters.add(ordered("name", "CircuitBreaker", "args", ordered("name", route.service())));
		// Reads only, and only when the connection failed: a POST is never sent twice.
		filters.add(ordered("name", "Retry", "args",
				ordered("retries", 1, "methods", "GET", "series", "", "exceptions", "java.io.IOException")));
		definition.put("filters", filters);
		return definition;
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
