package dev.gatehouse.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.config.PropertiesRouteDefinitionLocator;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.handler.predicate.HeaderRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.MethodRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.validation.Validator;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index against Spring Cloud Gateway's own lookup on the same routes, made from
 * definitions by Spring Cloud Gateway's route locator and predicate factories: the same
 * route wins for every request, and the index leaves out only routes that cannot match.
 */
class RouteIndexTests {

	private static final PathRoutePredicateFactory PATH = new PathRoutePredicateFactory(new WebFluxProperties());

	private static final HeaderRoutePredicateFactory HEADER = new HeaderRoutePredicateFactory();

	private final List<RouteDefinition> definitions = List.of(
			definition("method-first", "Method=PUT", "Path=/orders/**"),
			definition("shop-delete", "Path=/shop/**", "Method=DELETE"),
			definition("shop-cart", "Path=/shop/cart,/shop/cart/**"),
			definition("orders-post", "Path=/orders/**", "Method=POST"),
			definition("orders-tenant", "Path=/orders/**", "Header=X-Tenant, acme"),
			definition("orders", "Path=/orders,/orders/**"), definition("reports", "Path=/{tenant}/reports/**"),
			definition("wildcard-segment", "Path=/rep*/x"),
			definition("api-customers", "Path=/api/customers,/api/customers/**"), definition("api", "Path=/api/**"),
			definition("encoded", "Path=/café/**"), definition("no-path", "Header=X-Anywhere, yes"),
			definition("twice", "Path=/twice/**", "Method=DELETE"), definition("catch-all", "Path=/**"));

	/**
	 * The definitions' routes in order, with two routes not made from a definition before
	 * the last: one whose id a definition has too, and one with two Path predicates
	 * joined by OR (either may match).
	 */
	private final List<Route> routes = routes(this.definitions);

	private final RoutePredicateHandlerMapping springCloudGateway = new RoutePredicateHandlerMapping(webHandler(),
			() -> Flux.fromIterable(this.routes), new GlobalCorsProperties(), new StandardEnvironment());

	private final IndexedRouteMapping indexed = indexed(this.routes, this.definitions);

	@ParameterizedTest(name = "{0} {1} {2}: {3}")
	@CsvSource(nullValues = "none", value = { "GET, /orders/1, none, orders", "POST, /orders/1, none, orders-post",
			"GET, /orders/1, X-Tenant:acme, orders-tenant", "PUT, /orders/1, none, method-first",
			"GET, /orders, none, orders", "GET, /orders/, none, orders", "DELETE, /shop/cart/1, none, shop-delete",
			"GET, /shop/cart/1, none, shop-cart", "GET, /shop/cart, none, shop-cart",
			"GET, /shop/cart/, none, shop-cart", "GET, /acme/reports/1, none, reports",
			"GET, /api/reports/1, none, reports", "GET, /report/x, none, wildcard-segment",
			"GET, /api/customers/C-1, none, api-customers", "GET, /api/customers/, none, api-customers",
			"GET, /api/policies, none, api", "GET, /API/customers, none, catch-all",
			"GET, /%61pi/customers, none, api-customers", "GET, /api;v=1/customers, none, api-customers",
			"GET, /caf%C3%A9/menu, none, encoded", "GET, /elsewhere, X-Anywhere:yes, no-path",
			"GET, /elsewhere, X-Twice:yes, twice", "GET, /other/1, none, or-paths", "GET, /elsewhere, none, catch-all",
			"GET, /, none, catch-all", "GET, '', none, catch-all", "GET, //api/customers, none, catch-all" })
	void theFirstRouteInOrderThatMatchesWinsAsInSpringCloudGateway(String method, String path, String header,
			String expected) {
		assertThat(winner(this.springCloudGateway, method, path, header)).isEqualTo(expected);
		assertThat(winner(this.indexed, method, path, header)).isEqualTo(expected);
	}

	@Test
	void candidatesAreTheRoutesThatCanMatchInTheirOrder() {
		RouteIndex index = RouteIndex.of(this.routes, this.definitions, "");
		assertThat(index.candidates(PathContainer.parsePath("/api/customers/C-1"))).extracting(Route::getId)
			.containsExactly("method-first", "reports", "wildcard-segment", "api-customers", "api", "no-path", "twice",
					"twice", "or-paths", "catch-all");
		assertThat(index.candidates(PathContainer.parsePath("/orders/1"))).extracting(Route::getId)
			.containsExactly("method-first", "orders-post", "orders-tenant", "orders", "reports", "wildcard-segment",
					"no-path", "twice", "twice", "or-paths", "catch-all");
	}

	@ParameterizedTest(name = "{0} after base path \"{1}\": {2}")
	@CsvSource({ "/api/customers/**, '', api/customers", "/api/customers, '', api/customers", "/api/{id}, '', api",
			"/api/{id:[0-9]+}/x, '', api", "/api/c*/x, '', api", "/api/c?/x, '', api", "/**, '', ''",
			"/{*rest}, '', ''", "/rep*/x, '', ''", "api/**, '', ''", "'', '', ''", "/, '', ''", "//api, '', ''",
			"/api//x, '', api", "/api/**, /gw, gw/api", "api/**, /gw, gw/api", "/café/x, '', café/x" })
	void literalPrefixIsWhatThePatternParserMatchesSegmentBySegment(String pattern, String basePath, String prefix) {
		assertThat(String.join("/", RouteIndex.literalPrefix(basePath, pattern))).isEqualTo(prefix);
	}

	@Test
	void everyRouteIsTestedUntilTheRoutesAreIndexedAndTheIndexFollowsARefresh() {
		List<RouteDefinition> current = new ArrayList<>(this.definitions);
		List<Route> currentRoutes = new ArrayList<>(this.routes);
		IndexedRouteMapping mapping = new IndexedRouteMapping(webHandler(), () -> Flux.fromIterable(currentRoutes),
				() -> Flux.fromIterable(current), "", new GlobalCorsProperties(), new StandardEnvironment());
		assertThat(winner(mapping, "GET", "/orders/1", null)).isEqualTo("orders");
		mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
		assertThat(winner(mapping, "GET", "/orders/1", null)).isEqualTo("orders");

		current.add(0, definition("orders-first", "Path=/orders/{id}"));
		currentRoutes.clear();
		currentRoutes.addAll(routes(current));
		mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
		assertThat(winner(mapping, "GET", "/orders/1", null)).isEqualTo("orders-first");
	}

	private static String winner(RoutePredicateHandlerMapping mapping, String method, String path, String header) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(HttpMethod.valueOf(method),
				URI.create("http://localhost" + path));
		if (header != null) {
			request.header(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1));
		}
		ServerWebExchange exchange = MockServerWebExchange.from(request);
		mapping.getHandler(exchange).block();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : null;
	}

	private static IndexedRouteMapping indexed(List<Route> routes, List<RouteDefinition> definitions) {
		IndexedRouteMapping mapping = new IndexedRouteMapping(webHandler(), () -> Flux.fromIterable(routes),
				() -> Flux.fromIterable(definitions), "", new GlobalCorsProperties(), new StandardEnvironment());
		mapping.onApplicationEvent(new RefreshRoutesResultEvent(RouteIndexTests.class));
		return mapping;
	}

	private static List<Route> routes(List<RouteDefinition> definitions) {
		GatewayProperties properties = new GatewayProperties();
		properties.setRoutes(definitions);
		ConfigurationService configuration = new ConfigurationService(new DefaultListableBeanFactory(),
				(Supplier<ConversionService>) () -> null, (Supplier<Validator>) () -> null);
		List<Route> routes = new ArrayList<>(
				new RouteDefinitionRouteLocator(new PropertiesRouteDefinitionLocator(properties),
						List.of(PATH, new MethodRoutePredicateFactory(), HEADER), List.of(), properties, configuration)
					.getRoutes()
					.collectList()
					.block());
		routes.add(routes.size() - 1, route("twice", path("/twice/**")
			.or(HEADER.applyAsync(new HeaderRoutePredicateFactory.Config().setHeader("X-Twice").setRegexp("yes")))));
		routes.add(routes.size() - 1, route("or-paths", path("/dsl/**").or(path("/other/**"))));
		return routes;
	}

	private static Route route(String id, AsyncPredicate<ServerWebExchange> predicate) {
		return Route.async().id(id).uri("http://127.0.0.1:1").asyncPredicate(predicate).build();
	}

	private static AsyncPredicate<ServerWebExchange> path(String pattern) {
		return PATH.applyAsync(new PathRoutePredicateFactory.Config().setPatterns(List.of(pattern)));
	}

	private static RouteDefinition definition(String id, String... predicates) {
		RouteDefinition definition = new RouteDefinition();
		definition.setId(id);
		definition.setUri(URI.create("http://127.0.0.1:1"));
		definition.setPredicates(Stream.of(predicates).map(PredicateDefinition::new).toList());
		return definition;
	}

	private static FilteringWebHandler webHandler() {
		return new FilteringWebHandler(List.of(), false);
	}

}
