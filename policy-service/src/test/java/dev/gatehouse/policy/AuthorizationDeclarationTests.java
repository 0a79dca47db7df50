package dev.gatehouse.policy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.HandlerMappings;
import dev.gatehouse.test.authorization.RoleRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * policy-service against gatehouse.yaml: every endpoint it maps is declared there (an
 * undeclared one fails the build) and every declared one exists, and its role rules give
 * each exactly the declared roles.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
@DirtiesContext
class AuthorizationDeclarationTests {

	static final TestBackends backends = new TestBackends();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		backends.register(registry);
	}

	@AfterAll
	static void stopBackends() {
		backends.close();
	}

	static final AuthorizationDeclaration declaration = AuthorizationDeclaration.load();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	GatehouseSecurityProperties security;

	@Test
	void everyHandlerMappingIsDeclaredAndEveryDeclaredEndpointIsMapped() {
		Set<String> declared = new TreeSet<>();
		declaration.endpoints("policy-service")
			.forEach((endpoint) -> declared.add(endpoint.method() + " " + endpoint.path()));
		assertThat(HandlerMappings.of(this.mappings, "dev.gatehouse.policy")).as("handler mappings of policy-service")
			.isEqualTo(declared);
	}

	@Test
	void roleRulesGiveEveryDeclaredEndpointExactlyItsRoles() {
		List<RoleRules.Rule> rules = this.security.getRules()
			.stream()
			.map((rule) -> new RoleRules.Rule(rule.pattern(), rule.methodsOrAll(), rule.anyAuthority()))
			.toList();
		List<RoleRules.Expected> endpoints = declaration.endpoints("policy-service")
			.stream()
			.map((endpoint) -> new RoleRules.Expected(endpoint.method(), endpoint.path(), endpoint.anyAuthority()))
			.toList();
		assertThat(RoleRules.disagreements("policy-service application.yaml", rules, endpoints)).isEmpty();
	}

}
