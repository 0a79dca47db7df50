package dev.gatehouse.gateway.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_PREDICATE_PATH_CONTAINER_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR;

/**
 * Spring Cloud Gateway's route lookup, testing only the routes a {@link RouteIndex}
 * leaves for the request's path instead of every route in front of the one that matches;
 * the first that matches wins, as in Spring Cloud Gateway. The index is rebuilt from the
 * cached routes whenever Spring Cloud Gateway has refreshed them; until the first is
 * built (and if building one fails) every route is tested.
 */
class IndexedRouteMapping extends RoutePredicateHandlerMapping
		implements ApplicationListener<RefreshRoutesResultEvent> {

	private static final Logger log = LoggerFactory.getLogger(IndexedRouteMapping.class);

	private final RouteLocator routes;

	private final RouteDefinitionLocator definitions;

	private final String basePath;

	private final AtomicLong refreshes = new AtomicLong();

	private volatile RouteIndex index;

	IndexedRouteMapping(FilteringWebHandler webHandler, RouteLocator routes, RouteDefinitionLocator definitions,
			String basePath, GlobalCorsProperties cors, Environment environment) {
		super(webHandler, routes, cors, environment);
		this.routes = routes;
		this.definitions = definitions;
		this.basePath = basePath;
	}

	@Override
	protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
		List<Route> candidates = candidates(exchange);
		if (candidates == null) {
			return super.lookupRoute(exchange);
		}
		return Flux.fromIterable(candidates).filterWhen((route) -> matches(route, exchange)).next().map((route) -> {
			validateRoute(route, exchange);
			return route;
		});
	}

	/**
	 * The routes to test for the request, in their order; null until the routes are
	 * indexed.
	 */
	List<Route> candidates(ServerWebExchange exchange) {
		RouteIndex index = this.index;
		if (index == null) {
			return null;
		}
		// Parsed once per request: the Path predicates read the same attribute.
		PathContainer path = (PathContainer) exchange.getAttributes()
			.computeIfAbsent(GATEWAY_PREDICATE_PATH_CONTAINER_ATTR,
					(name) -> PathContainer.parsePath(exchange.getRequest().getURI().getRawPath()));
		return index.candidates(path);
	}

	/** What Spring Cloud Gateway's lookup does for each route it tests. */
	private Publisher<Boolean> matches(Route route, ServerWebExchange exchange) {
		exchange.getAttributes().put(GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
		try {
			return route.getPredicate().apply(exchange);
		}
		catch (Exception ex) {
			log.error("Error applying predicate for route: {}", route.getId(), ex);
			return Mono.just(false);
		}
	}

	/**
	 * Published by Spring Cloud Gateway's route cache once it holds the refreshed routes
	 * (at start and on every refresh). Of two refreshes building at once, the later one's
	 * index is kept.
	 */
	@Override
	public void onApplicationEvent(RefreshRoutesResultEvent event) {
		long refresh = this.refreshes.incrementAndGet();
		Mono.zip(this.routes.getRoutes().collectList(), this.definitions.getRouteDefinitions().collectList())
			.map((loaded) -> RouteIndex.of(loaded.getT1(), loaded.getT2(), this.basePath))
			.subscribe((built) -> use(refresh, built), (ex) -> {
				log.warn("Routes not indexed, every route is tested for every request", ex);
				use(refresh, null);
			});
	}

	private synchronized void use(long refresh, RouteIndex built) {
		if (refresh == this.refreshes.get()) {
			this.index = built;
		}
	}

}
