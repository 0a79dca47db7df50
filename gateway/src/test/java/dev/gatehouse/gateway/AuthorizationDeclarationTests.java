package dev.gatehouse.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.env.Environment;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.AuthorizationDeclaration.Route;
import dev.gatehouse.test.authorization.RoleRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against gatehouse.yaml: its routes are exactly the declared ones (paths,
 * backend, rewrite), and its role rules give every endpoint a token route reaches exactly
 * the declared roles.
 */
class AuthorizationDeclarationTests extends GatewayTestSupport {

	static final AuthorizationDeclaration declaration = AuthorizationDeclaration.load();

	@Autowired
	GatewayProperties gateway;

	@Autowired
	GatehouseSecurityProperties security;

	@Autowired
	Environment environment;

	@Test
	void everyRouteIsDeclaredAndEveryDeclaredRouteExists() {
		Map<String, String> configured = new TreeMap<>();
		for (RouteDefinition route : this.gateway.getRoutes()) {
			List<String> paths = route.getPredicates()
				.stream()
				.filter((predicate) -> predicate.getName().equals("Path"))
				.flatMap((predicate) -> predicate.getArgs().values().stream())
				.toList();
			configured.put(route.getId(), paths + " -> " + route.getUri() + rewrite(route));
		}
		Map<String, String> declared = new TreeMap<>();
		for (Route route : declaration.routes()) {
			String uri = this.environment.getRequiredProperty("gatehouse.backends." + route.service());
			declared.put(route.id(), route.paths() + " -> " + uri + ((route.rewriteFrom() != null)
					? " rewrite " + route.rewriteFrom() + " " + route.rewriteTo() : ""));
		}
		assertThat(configured).as("the gateway's routes against gatehouse.yaml").isEqualTo(declared);
	}

	@Test
	void roleRulesGiveEveryEndpointOfTheTokenRoutesExactlyItsRoles() {
		List<RoleRules.Expected> endpoints = new ArrayList<>();
		declaration.endpoints().forEach((endpoint) -> declaration.publicPaths(endpoint).forEach((route, path) -> {
			if (route.credentials().stream().anyMatch((credential) -> credential.endsWith("token"))) {
				endpoints.add(new RoleRules.Expected(endpoint.method(), path, endpoint.anyAuthority()));
			}
		}));
		assertThat(endpoints).isNotEmpty();
		List<RoleRules.Rule> rules = this.security.getRules()
			.stream()
			.map((rule) -> new RoleRules.Rule(rule.pattern(), rule.methodsOrAll(), rule.anyAuthority()))
			.toList();
		assertThat(RoleRules.disagreements("gateway application.yaml", rules, endpoints)).isEmpty();
	}

	/**
	 * " rewrite /partner/v1/ /partner/" for RewritePath=/partner/v1/(?<rest>.*),
	 * /partner/$\{rest}.
	 */
	private static String rewrite(RouteDefinition route) {
		for (FilterDefinition filter : route.getFilters()) {
			if (filter.getName().equals("RewritePath")) {
				List<String> args = new ArrayList<>(filter.getArgs().values());
				return " rewrite " + args.get(0).replace("(?<rest>.*)", "") + " "
						+ args.get(1).replace("$\\{rest}", "");
			}
		}
		return "";
	}

}
