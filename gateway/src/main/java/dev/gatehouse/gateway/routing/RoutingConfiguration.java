package dev.gatehouse.gateway.routing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;

/**
 * Route lookup whose cost does not grow with the routes in front of the matched one
 * ({@link IndexedRouteMapping}). Spring Cloud Gateway declares its
 * {@code RoutePredicateHandlerMapping} {@code @ConditionalOnMissingBean}, so this
 * subclass takes its place, made as its auto-configuration makes it.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	IndexedRouteMapping routePredicateHandlerMapping(FilteringWebHandler webHandler, RouteLocator routes,
			RouteDefinitionLocator definitions, WebFluxProperties webFlux, GlobalCorsProperties cors,
			Environment environment, ObjectProvider<ApiVersionStrategy> apiVersionStrategy) {
		IndexedRouteMapping mapping = new IndexedRouteMapping(webHandler, routes, definitions, webFlux.getBasePath(),
				cors, environment);
		apiVersionStrategy.ifAvailable(mapping::setApiVersionStrategy);
		return mapping;
	}

}
