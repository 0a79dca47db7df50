package dev.gatehouse.gateway.apidocs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.core.env.Environment;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Endpoint;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Route;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published descriptions against gatehouse.yaml: each route takes the declared
 * credentials, and the public paths the gateway derives from its own route definitions
 * are the declared ones.
 */
class ApiDocsDeclarationTests extends GatewayTestSupport {

	static final AuthorizationDeclaration declaration = AuthorizationDeclaration.load();

	@Autowired
	GatewayProperties gateway;

	@Autowired
	ApiDocsProperties properties;

	@Autowired
	Environment environment;

	@Test
	void everyRouteIsDescribedWithTheDeclaredCredentials() {
		Map<String, List<String>> declared = new TreeMap<>();
		declaration.routes().forEach((route) -> declared.put(route.id(), route.credentials()));
		assertThat(new TreeMap<>(this.properties.routes())).isEqualTo(declared);
	}

	@Test
	void everyDeclaredEndpointIsPublishedUnderTheDeclaredPublicPathsOfItsRoutes() {
		Map<String, URI> backends = Binder.get(this.environment)
			.bind("gatehouse.backends", Bindable.mapOf(String.class, URI.class))
			.get();
		PublicRoutes routes = PublicRoutes.of(this.gateway.getRoutes(), backends, this.properties);
		for (Endpoint endpoint : declaration.endpoints()) {
			Map<String, String> expected = new LinkedHashMap<>();
			declaration.publicPaths(endpoint).forEach((route, path) -> expected.put(route.id(), path));
			Map<String, String> derived = new LinkedHashMap<>();
			routes.of(endpoint.service())
				.forEach((route) -> route.publicPath(endpoint.path())
					.ifPresent((path) -> derived.put(route.id(), path)));
			assertThat(derived).as(endpoint.describe()).isEqualTo(expected).isNotEmpty();
		}
		assertThat(routes.services().keySet())
			.containsExactlyInAnyOrderElementsOf(declaration.routes().stream().map(Route::service).distinct().toList());
	}

	@Test
	void aBoundTokenNeedsBothItsPartsAndOtherCredentialsAreAlternatives() {
		assertThat(PublicDescription
			.requirements(List.of("user-token", "client-token", "certificate-bound-token", "dpop-bound-token")))
			.containsExactly(List.of("oauth2"), List.of("oauth2", "mutualTLS"));
		assertThat(PublicDescription.requirements(List.of("api-key"))).containsExactly(List.of("apiKey"));
		assertThat(PublicDescription.requirements(List.of("basic"))).containsExactly(List.of("basic"));
	}

}
