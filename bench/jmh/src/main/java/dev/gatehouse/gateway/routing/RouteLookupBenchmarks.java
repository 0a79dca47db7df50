package dev.gatehouse.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.config.PropertiesRouteDefinitionLocator;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.handler.predicate.MethodRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.CachingRouteLocator;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.validation.Validator;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.bench.jmh.BenchmarkState;

/**
 * The gateway's route lookup (the handler mapping: every route's predicates tested in
 * order until one matches) for {@code GET /api/customers/C-1001} with 10 and 1,000
 * routes, the matched route last, as bench/run's sweep points r10 and r1000 generate them
 * ({@code /api/bench-filler-N} routes, then {@code customers}): with the gateway's index
 * ({@code index=on}, {@link IndexedRouteMapping}) and with Spring Cloud Gateway's own
 * {@link RoutePredicateHandlerMapping} ({@code off}). The routes are made from
 * definitions by Spring Cloud Gateway's route locator and cached by its
 * {@link CachingRouteLocator}, as in the gateway; filters are left out (they do not take
 * part in the lookup). In the gateway's package: the mapping is package-private.
 * bench/jmh/run prints the ratio of 1,000 to 10 routes.
 */
public class RouteLookupBenchmarks extends BenchmarkState {

	@Param({ "10", "1000" })
	public int routes;

	@Param({ "on", "off" })
	public String index;

	private RoutePredicateHandlerMapping mapping;

	private final ServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/api/customers/C-1001"));

	@Setup
	public void setUp() {
		List<RouteDefinition> definitions = new ArrayList<>();
		for (int i = 1; i < this.routes; i++) {
			String id = String.format("bench-filler-%05d", i);
			definitions.add(definition(id, "Path=/api/" + id + ",/api/" + id + "/**"));
		}
		definitions.add(definition("customers", "Path=/api/customers,/api/customers/**"));
		GatewayProperties properties = new GatewayProperties();
		properties.setRoutes(definitions);
		RouteDefinitionLocator locator = new PropertiesRouteDefinitionLocator(properties);
		CachingRouteLocator cached = new CachingRouteLocator(new RouteDefinitionRouteLocator(locator,
				List.of(new PathRoutePredicateFactory(new WebFluxProperties()), new MethodRoutePredicateFactory()),
				List.of(), properties, new ConfigurationService(new DefaultListableBeanFactory(),
						(Supplier<ConversionService>) () -> null, (Supplier<Validator>) () -> null)));
		FilteringWebHandler webHandler = new FilteringWebHandler(List.of(), false);
		if (this.index.equals("on")) {
			IndexedRouteMapping indexed = new IndexedRouteMapping(webHandler, cached, locator, "",
					new GlobalCorsProperties(), new StandardEnvironment());
			indexed.onApplicationEvent(new RefreshRoutesResultEvent(this));
			this.mapping = indexed;
		}
		else {
			this.mapping = new RoutePredicateHandlerMapping(webHandler, cached, new GlobalCorsProperties(),
					new StandardEnvironment());
		}
		Route matched = lookup();
		if (matched == null || !matched.getId().equals("customers")
				|| cached.getRoutes().count().block() != this.routes) {
			throw new IllegalStateException("route set-up is wrong");
		}
	}

	/**
	 * The request's route. One exchange for every call, its attributes cleared (where the
	 * lookup keeps its state: the parsed path, the route tested, the route found): a new
	 * mock exchange costs more than the lookup itself.
	 */
	@Benchmark
	public Route lookup() {
		this.exchange.getAttributes().clear();
		this.mapping.getHandler(this.exchange).block();
		return this.exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
	}

	private static RouteDefinition definition(String id, String... predicates) {
		RouteDefinition definition = new RouteDefinition();
		definition.setId(id);
		definition.setUri(URI.create("http://127.0.0.1:1"));
		definition.setPredicates(Stream.of(predicates).map(PredicateDefinition::new).toList());
		return definition;
	}

}
