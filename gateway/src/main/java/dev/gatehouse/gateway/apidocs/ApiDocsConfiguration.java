package dev.gatehouse.gateway.apidocs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import reactor.netty.http.client.HttpClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.gatehouse.gateway.security.SecurityChains;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The API descriptions at {@code /api-docs}, open to anyone: they describe the public API
 * and hold no secret. Nothing else of a service is reachable through them: only the
 * description, fetched by the gateway itself, and only the operations a route reaches.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocsProperties.class)
class ApiDocsConfiguration {

	@Bean
	ServiceDescriptions serviceDescriptions(GatewayProperties gateway, Environment environment,
			ApiDocsProperties properties, HttpClient routesClient) {
		WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(routesClient)).build();
		return new ServiceDescriptions(PublicRoutes.of(gateway.getRoutes(), backends(environment), properties), client,
				properties);
	}

	/**
	 * The backends by the names application.yaml gives them, each at the URI the routes
	 * resolve ({@code ${gatehouse.backends.<name>}}). Binding the map alone is not
	 * enough: an environment variable such as {@code GATEHOUSE_BACKENDS_CUSTOMERSERVICE}
	 * (compose, Kubernetes) binds as a second key without the dash,
	 * {@code customerservice}, while the routes' placeholders resolve to that variable.
	 */
	static Map<String, URI> backends(Environment environment) {
		Set<String> names = Binder.get(environment)
			.bind("gatehouse.backends", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.keySet();
		Map<String, URI> backends = new LinkedHashMap<>();
		names.stream()
			.filter((name) -> names.stream()
				.noneMatch((other) -> !other.equals(name) && other.replace("-", "").equals(name)))
			.sorted()
			.forEach((name) -> backends.put(name,
					URI.create(environment.getRequiredProperty("gatehouse.backends." + name))));
		return backends;
	}

	@Bean
	ApiDocsHandler apiDocsHandler(ServiceDescriptions descriptions, ReactiveProblemResponses problems) {
		return new ApiDocsHandler(descriptions, problems);
	}

	@Bean
	RequestValidationFilter requestValidationFilter(ServiceDescriptions descriptions, ApiDocsProperties properties,
			ReactiveProblemResponses problems) {
		return new RequestValidationFilter(descriptions, properties.validation(), problems);
	}

	@Bean
	RouterFunction<ServerResponse> apiDocsRoutes(ApiDocsHandler handler) {
		return RouterFunctions.route(GET("/api-docs"), handler::index)
			.andRoute(GET("/api-docs/{service}"), handler::service);
	}

	/**
	 * Before the chains of the routes; any other method or path under /api-docs ends as
	 * 404 or 405.
	 */
	@Bean
	@Order(SecurityChains.API_DOCS)
	SecurityWebFilterChain apiDocsChain(ServerHttpSecurity http) {
		return SecurityChains.stateless(http)
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api-docs", "/api-docs/*"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

}
