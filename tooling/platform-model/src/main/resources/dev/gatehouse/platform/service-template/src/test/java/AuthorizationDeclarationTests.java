package dev.gatehouse.${package};

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.authorization.AuthorizationDeclaration;
import dev.gatehouse.test.authorization.HandlerMappings;
import dev.gatehouse.test.authorization.RoleRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ${name} against gatehouse.yaml: every endpoint it maps is declared there and every
 * declared one exists, and its role rules give each exactly the declared roles.
 */
@WithTestIssuer
@SpringBootTest
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
		declaration.endpoints("${name}").forEach((endpoint) -> declared.add(endpoint.method() + " " + endpoint.path()));
		assertThat(HandlerMappings.of(this.mappings, "dev.gatehouse.${package}")).as("handler mappings of ${name}")
			.isEqualTo(declared);
	}

	@Test
	void roleRulesGiveEveryDeclaredEndpointExactlyItsRoles() {
		List<RoleRules.Rule> rules = this.security.getRules()
			.stream()
			.map((rule) -> new RoleRules.Rule(rule.pattern(), rule.methodsOrAll(), rule.anyAuthority()))
			.toList();
		List<RoleRules.Expected> endpoints = declaration.endpoints("${name}")
			.stream()
			.map((endpoint) -> new RoleRules.Expected(endpoint.method(), endpoint.path(), endpoint.anyAuthority()))
			.toList();
		assertThat(RoleRules.disagreements("${name}", rules, endpoints)).isEmpty();
	}

}
