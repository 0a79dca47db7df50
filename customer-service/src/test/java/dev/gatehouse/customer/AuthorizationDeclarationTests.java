package dev.gatehouse.customer;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.HandlerMappings;
import dev.gatehouse.test.authorization.RoleRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * customer-service against gatehouse.yaml: every endpoint it maps is declared there (an
 * undeclared one fails the build) and every declared one exists, and its role rules give
 * each exactly the declared roles.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
@Transactional
class AuthorizationDeclarationTests {

	static final AuthorizationDeclaration declaration = AuthorizationDeclaration.load();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	GatehouseSecurityProperties security;

	@Test
	void everyHandlerMappingIsDeclaredAndEveryDeclaredEndpointIsMapped() {
		Set<String> declared = new TreeSet<>();
		declaration.endpoints("customer-service")
			.forEach((endpoint) -> declared.add(endpoint.method() + " " + endpoint.path()));
		assertThat(HandlerMappings.of(this.mappings, "dev.gatehouse.customer"))
			.as("handler mappings of customer-service")
			.isEqualTo(declared);
	}

	@Test
	void roleRulesGiveEveryDeclaredEndpointExactlyItsRoles() {
		List<RoleRules.Rule> rules = this.security.getRules()
			.stream()
			.map((rule) -> new RoleRules.Rule(rule.pattern(), rule.methodsOrAll(), rule.anyAuthority()))
			.toList();
		List<RoleRules.Expected> endpoints = declaration.endpoints("customer-service")
			.stream()
			.map((endpoint) -> new RoleRules.Expected(endpoint.method(), endpoint.path(), endpoint.anyAuthority()))
			.toList();
		assertThat(RoleRules.disagreements("customer-service application.yaml", rules, endpoints)).isEmpty();
	}

}
