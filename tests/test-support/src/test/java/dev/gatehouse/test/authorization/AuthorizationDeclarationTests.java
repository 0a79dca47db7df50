package dev.gatehouse.test.authorization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.test.authorization.AuthorizationDeclaration.Endpoint;
import dev.gatehouse.test.authorization.RoleRules.Expected;
import dev.gatehouse.test.authorization.RoleRules.Rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The repository's gatehouse.yaml reads, and what the tests built on it rely on holds.
 */
class AuthorizationDeclarationTests {

	static final AuthorizationDeclaration declaration = AuthorizationDeclaration.load();

	@Test
	void everyEndpointDeclaresEveryKindOfCallerAndOnlyDeclaredViews() {
		assertThat(declaration.endpoints()).isNotEmpty();
		for (Endpoint endpoint : declaration.endpoints()) {
			assertThat(endpoint.access().keySet()).as(endpoint.describe()).isEqualTo(declaration.callers().keySet());
			endpoint.access()
				.values()
				.stream()
				.filter((access) -> access.view() != null)
				.forEach((access) -> assertThat(declaration.views()).containsKey(access.view()));
		}
	}

	@Test
	void partnerEndpointsAreReachedThroughBothPartnerRoutesWithTheirPublicPaths() {
		Endpoint partnerPolicy = declaration.endpoints("policy-service")
			.stream()
			.filter((endpoint) -> endpoint.path().equals("/partner/policies/{id}"))
			.findFirst()
			.orElseThrow();
		assertThat(declaration.publicPaths(partnerPolicy).values()).containsExactly("/partner/v1/policies/{id}",
				"/partner/mtls/policies/{id}");
		Endpoint me = declaration.endpoints("customer-service")
			.stream()
			.filter((endpoint) -> endpoint.path().equals("/api/customers/me"))
			.findFirst()
			.orElseThrow();
		assertThat(declaration.publicPaths(me).values()).containsExactly("/api/customers/me");
	}

	@Test
	void everyCallerKindHasMembersAndPartnerKindsNameTheirPartner() {
		declaration.callers().values().forEach((caller) -> assertThat(caller.members()).as(caller.name()).isNotEmpty());
		assertThat(declaration.caller("partner-token").partner()).isEqualTo("acme");
	}

	@Test
	void anEndpointThatForgetsAKindOfCallerIsRefusedOnLoading(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("gatehouse.yaml");
		Files.writeString(file, """
				authorization:
				  callers:
				    customer: { credential: user-token, members: [alice] }
				    partner-token: { credential: certificate-bound-token, members: [acme-partner], partner: acme }
				  views: { policy: [id] }
				  routes: []
				  services:
				    policy-service:
				      endpoints:
				        - method: GET
				          path: /api/policies
				          any-authority: [policy:read]
				          access:
				            customer: { status: 200, scope: own, view: policy }
				""");
		assertThatIllegalStateException().isThrownBy(() -> AuthorizationDeclaration.load(file))
			.withMessageContaining("GET /api/policies must declare every kind of caller");
	}

	@Test
	void roleRulesAgreeOnlyWhenTheFirstMatchGrantsExactlyTheDeclaredRolesAndEveryRuleIsUsed() {
		List<Expected> endpoints = List.of(new Expected("GET", "/api/things/{id}", List.of("a")),
				new Expected("GET", "/api/things/me", List.of("b")));
		assertThat(RoleRules.disagreements("x", List.of(new Rule("/api/things/me", List.of("GET"), List.of("b")),
				new Rule("/api/things/*", List.of("GET"), List.of("a"))), endpoints))
			.isEmpty();
		assertThat(RoleRules.disagreements("x",
				List.of(new Rule("/api/things/*", List.of("GET"), List.of("a")),
						new Rule("/api/things/me", List.of("GET"), List.of("b"))),
				endpoints))
			.containsExactly(
					"x: GET /api/things/me is decided by the rule GET /api/things/* with [a], gatehouse.yaml declares [b]",
					"x: the rule GET /api/things/me [b] decides no endpoint gatehouse.yaml declares");
		assertThat(RoleRules.disagreements("x", List.of(new Rule("/api/things/*", List.of("POST"), List.of("a"))),
				List.of(new Expected("GET", "/api/things/{id}", List.of("a")))))
			.contains("x: no rule admits GET /api/things/{id}, which gatehouse.yaml declares with [a]");
	}

}
