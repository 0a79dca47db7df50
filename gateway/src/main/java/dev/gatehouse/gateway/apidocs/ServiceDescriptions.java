package dev.gatehouse.gateway.apidocs;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Each routed service's own OpenAPI description, fetched with the routes' HTTP client
 * (their TLS and client certificate in the secure profile) and reused for
 * {@code cache-ttl}; a failed fetch, or an answer that is no description, is remembered
 * for {@code retry-after}, then the next request tries again.
 */
class ServiceDescriptions {

	private final PublicRoutes routes;

	private final Map<String, Mono<JsonNode>> descriptions = new LinkedHashMap<>();

	ServiceDescriptions(PublicRoutes routes, WebClient backends, ApiDocsProperties properties) {
		this.routes = routes;
		Duration ttl = properties.cacheTtl();
		Duration retry = properties.retryAfter();
		routes.services()
			.forEach((service, uri) -> this.descriptions.put(service,
					fetch(backends, URI.create(uri.toString().replaceAll("/+$", "") + properties.backendPath()),
							service)
						.cache((description) -> ttl, (error) -> retry, () -> retry)));
	}

	PublicRoutes routes() {
		return this.routes;
	}

	/** The service's description, or empty for a service no route reaches. */
	Mono<JsonNode> of(String service) {
		return this.descriptions.getOrDefault(service, Mono.empty());
	}

	boolean publishes(String service) {
		return this.descriptions.containsKey(service);
	}

	List<PublicRoute> routesOf(String service) {
		return this.routes.of(service);
	}

	private static Mono<JsonNode> fetch(WebClient backends, URI uri, String service) {
		return Mono.defer(() -> backends.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.filter((json) -> json.isObject() && json.has("openapi"))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(service + " answered no OpenAPI description"))));
	}

}
