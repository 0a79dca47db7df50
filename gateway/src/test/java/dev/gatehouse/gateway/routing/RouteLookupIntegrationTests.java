package dev.gatehouse.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteDefinitionWriter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running gateway with 300 generated routes (and a decoy of the customers route that
 * needs a header) in front of the platform's own: the indexed lookup picks the route
 * Spring Cloud Gateway's own {@link RoutePredicateHandlerMapping} picks from the same
 * routes, for a request to every route of gatehouse.yaml, and requests through the
 * gateway reach that route's backend.
 */
@Import(RouteLookupIntegrationTests.GeneratedRoutes.class)
class RouteLookupIntegrationTests extends GatewayTestSupport {

	private static final int GENERATED = 300;

	@Autowired
	private RoutePredicateHandlerMapping mapping;

	@Autowired
	private GatewayProperties gateway;

	@Autowired
	private FilteringWebHandler webHandler;

	@Autowired
	private RouteLocator routes;

	@Autowired
	private GlobalCorsProperties cors;

	@Autowired
	private Environment environment;

	@Autowired
	private RouteDefinitionWriter writer;

	@Autowired
	private ApplicationEventPublisher events;

	@Test
	void theRoutesAreIndexedAtStartAndOnlyThoseThatCanMatchAreTested() {
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/customers/C-1001"));
		assertThat(this.mapping).isInstanceOfSatisfying(IndexedRouteMapping.class,
				(indexed) -> assertThat(indexed.candidates(exchange)).extracting(Route::getId)
					.contains("decoy-customers", "customers")
					.doesNotContain("generated-001", "generated-300", "policies")
					.hasSizeLessThan(10));
	}

	@Test
	void everyRouteOfThePlatformWinsForARequestToItAsWithoutTheIndex() {
		Map<String, String> expected = new LinkedHashMap<>();
		for (RouteDefinition route : this.gateway.getRoutes()) {
			for (String pattern : pathPatterns(route)) {
				expected.put(requestPath(pattern), route.getId());
			}
		}
		assertThat(expected).hasSizeGreaterThanOrEqualTo(this.gateway.getRoutes().size());
		expected.put("/portal/api/customers", "portal-api");
		expected.put("/api/generated-001/x", "generated-001");
		expected.put("/api/generated-150", "generated-150");
		expected.put("/api/generated-300/x/y", "generated-300");
		expected.put("/api/generated-301/x", null);
		expected.put("/nowhere", null);
		RoutePredicateHandlerMapping springCloudGateway = new RoutePredicateHandlerMapping(this.webHandler, this.routes,
				this.cors, this.environment);
		assertThat(winners(springCloudGateway, expected.keySet(), null)).isEqualTo(expected);
		assertThat(winners(this.mapping, expected.keySet(), null)).isEqualTo(expected);
	}

	@Test
	void aRouteInFrontInTheSameSegmentWinsOnlyWhenItsOtherPredicatesMatch() {
		RoutePredicateHandlerMapping springCloudGateway = new RoutePredicateHandlerMapping(this.webHandler, this.routes,
				this.cors, this.environment);
		List<String> paths = List.of("/api/customers/C-1001", "/api/customers");
		Map<String, String> decoy = Map.of("/api/customers/C-1001", "decoy-customers", "/api/customers",
				"decoy-customers");
		assertThat(winners(springCloudGateway, paths, "X-Decoy")).isEqualTo(decoy);
		assertThat(winners(this.mapping, paths, "X-Decoy")).isEqualTo(decoy);
		assertThat(winners(this.mapping, paths, null)).containsOnly(Map.entry("/api/customers/C-1001", "customers"),
				Map.entry("/api/customers", "customers"));
	}

	@Test
	void requestsThroughTheGatewayReachTheBackendOfTheRouteTheyMatch() {
		String token = bearer(issuer.token(Persona.BOB).build());
		client().get()
			.uri("/api/customers/C-1001")
			.header("Authorization", token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("customer-service");
		client().get()
			.uri("/api/customers/C-1001")
			.header("Authorization", token)
			.header("X-Decoy", "yes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("policy-service");
		assertThat(customers.received()).singleElement()
			.satisfies((request) -> assertThat(request.path()).isEqualTo("/api/customers/C-1001"));
	}

	@Test
	void aRouteAddedAtRuntimeIsFoundOnceTheRoutesAreRefreshed() {
		RouteDefinition added = definition("added", -2, "Path=/api/customers/**", "Header=X-Added, yes");
		this.writer.save(Mono.just(added)).block();
		try {
			this.events.publishEvent(new RefreshRoutesEvent(this));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(winners(this.mapping, List.of("/api/customers/C-1001"), "X-Added"))
					.containsEntry("/api/customers/C-1001", "added"));
		}
		finally {
			this.writer.delete(Mono.just("added")).block();
			this.events.publishEvent(new RefreshRoutesEvent(this));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(winners(this.mapping, List.of("/api/customers/C-1001"), "X-Added"))
				.containsEntry("/api/customers/C-1001", "customers"));
	}

	/** The route each path is mapped to (GET, with the header set to "yes" if named). */
	private static Map<String, String> winners(RoutePredicateHandlerMapping mapping, Iterable<String> paths,
			String header) {
		Map<String, String> winners = new LinkedHashMap<>();
		for (String path : paths) {
			MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path);
			if (header != null) {
				request.header(header, "yes");
			}
			ServerWebExchange exchange = MockServerWebExchange.from(request);
			mapping.getHandler(exchange).block();
			Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
			winners.put(path, (route != null) ? route.getId() : null);
		}
		return winners;
	}

	private static List<String> pathPatterns(RouteDefinition route) {
		List<String> patterns = new ArrayList<>();
		route.getPredicates()
			.stream()
			.filter((predicate) -> predicate.getName().equals("Path"))
			.forEach((predicate) -> patterns.addAll(predicate.getArgs().values()));
		return patterns;
	}

	/** A path the pattern matches. */
	private static String requestPath(String pattern) {
		return pattern.replace("/**", "/x/y").replaceAll("\\{[^}]*\\}", "x").replace("*", "x");
	}

	private static RouteDefinition definition(String id, int order, String... predicates) {
		RouteDefinition definition = new RouteDefinition();
		definition.setId(id);
		definition.setUri(URI.create(policies.uri()));
		definition.setOrder(order);
		definition.setPredicates(Stream.of(predicates).map(PredicateDefinition::new).toList());
		return definition;
	}

	/**
	 * Routes from a source of definitions of its own, as an application adds them, all
	 * tested before the platform's routes (order -1), to policy-service's stub: a decoy
	 * of the customers route among them.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class GeneratedRoutes {

		@Bean
		RouteDefinitionLocator generatedRoutes() {
			List<RouteDefinition> definitions = new ArrayList<>();
			IntStream.rangeClosed(1, GENERATED).forEach((i) -> {
				String id = String.format("generated-%03d", i);
				definitions.add(definition(id, -1, "Path=/api/" + id + ",/api/" + id + "/**"));
				if (i == GENERATED / 2) {
					definitions.add(definition("decoy-customers", -1, "Path=/api/customers,/api/customers/**",
							"Header=X-Decoy, yes"));
				}
			});
			return () -> Flux.fromIterable(definitions);
		}

	}

}
