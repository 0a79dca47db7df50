package dev.gatehouse.realm;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.platform.PlatformDescription.Permission;
import dev.gatehouse.platform.PlatformDescription.Realm;
import dev.gatehouse.test.Repository;

import static dev.gatehouse.realm.RealmJson.client;
import static dev.gatehouse.realm.RealmJson.clientScope;
import static dev.gatehouse.realm.RealmJson.realmRole;
import static dev.gatehouse.realm.RealmJson.user;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each test breaks one thing in an in-memory copy of realm-gatehouse.json and expects the
 * full policy or contract check to reject it, naming the broken rule and its subject.
 * Without these, a rule that can never fail would pass unnoticed.
 */
class BrokenRealmsAreRejectedTests {

	/** The realm's name, which the refusals name. */
	static final String REALM = "gatehouse";

	/**
	 * JUnit creates a new instance per test, so every test starts from the file as
	 * committed.
	 */
	private final ObjectNode realm = RealmJson.load();

	@Test
	void realmAsCommittedIsAccepted() {
		assertThatNoException().isThrownBy(() -> {
			RealmPolicy.enforce(RealmJson.loadBase());
			RealmPolicy.enforce(this.realm);
			GatehouseContract.enforce(this.realm);
		});
	}

	@Test
	void realmWithDirectAccessGrantsIsRejected() {
		client(this.realm, "gatehouse-web").put("directAccessGrantsEnabled", true);
		assertPolicyRejects("gatehouse-web", RealmPolicy.NO_PASSWORD_GRANT);
	}

	@Test
	void clientThatLeavesDirectAccessGrantsToKeycloaksDefaultIsRejected() {
		client(this.realm, "reporting-batch").remove("directAccessGrantsEnabled");
		assertPolicyRejects("reporting-batch", RealmPolicy.NO_PASSWORD_GRANT);
	}

	@Test
	void realmWithImplicitFlowIsRejected() {
		client(this.realm, "gatehouse-web").put("implicitFlowEnabled", true);
		assertPolicyRejects("gatehouse-web", RealmPolicy.NO_IMPLICIT_FLOW);
	}

	@Test
	void publicClientWithoutPkceIsRejected() {
		attributes("gatehouse-web").remove("pkce.code.challenge.method");
		assertPolicyRejects("gatehouse-web", RealmPolicy.PUBLIC_CLIENT_USES_PKCE_S256);
	}

	@Test
	void publicClientWithPlainPkceIsRejected() {
		attributes("gatehouse-web").put("pkce.code.challenge.method", "plain");
		assertPolicyRejects("gatehouse-web", RealmPolicy.PUBLIC_CLIENT_USES_PKCE_S256);
	}

	@Test
	void confidentialBrowserClientWithoutPkceIsRejected() {
		attributes("gatehouse-portal").remove("pkce.code.challenge.method");
		assertPolicyRejects("gatehouse-portal", RealmPolicy.PUBLIC_CLIENT_USES_PKCE_S256);
	}

	@Test
	void portalWithAServiceAccountIsRejected() {
		client(this.realm, "gatehouse-portal").put("serviceAccountsEnabled", true);
		assertContractRejects("gatehouse-portal", GatehouseContract.CLIENT_AS_CONTRACTED);
	}

	@Test
	void portalWithoutItsRedirectUriIsRejected() {
		array("gatehouse-portal", "redirectUris").removeAll().add("https://localhost:8443/login/oauth2/code/gatehouse");
		assertContractRejects("gatehouse-portal", GatehouseContract.CLIENT_AS_CONTRACTED);
	}

	@Test
	void confidentialClientTurnedPublicWithoutPkceIsRejected() {
		client(this.realm, "policy-service").put("publicClient", true);
		assertPolicyRejects("policy-service", RealmPolicy.PUBLIC_CLIENT_USES_PKCE_S256);
	}

	@Test
	void wildcardRedirectUriIsRejected() {
		array("gatehouse-web", "redirectUris").add("http://127.0.0.1:8765/*");
		assertPolicyRejects("gatehouse-web", RealmPolicy.EXACT_REDIRECT_URIS);
	}

	@Test
	void wildcardPostLogoutRedirectUriIsRejected() {
		attributes("gatehouse-web").put("post.logout.redirect.uris", "http://127.0.0.1:8765/##*");
		assertPolicyRejects("gatehouse-web", RealmPolicy.EXACT_REDIRECT_URIS);
	}

	@Test
	void wildcardWebOriginIsRejected() {
		array("gatehouse-web", "webOrigins").add("*");
		assertPolicyRejects("gatehouse-web", RealmPolicy.EXACT_WEB_ORIGINS);
	}

	@Test
	void webOriginPlusIsAcceptedBecauseItOnlyRepeatsTheExactRedirectOrigins() {
		array("gatehouse-web", "webOrigins").removeAll().add("+");
		assertThatNoException().isThrownBy(() -> RealmPolicy.enforce(this.realm));
	}

	@Test
	void partnerAdministratorWithoutAPartnerIsRejected() {
		((ObjectNode) this.realm.path("groups").get(0).path("attributes")).remove("partner");
		assertContractRejects("acme-admin", GatehouseContract.PARTNER_CLAIM);
	}

	@Test
	void partnerClaimMissingFromTheWebClientsTokensIsRejected() {
		ArrayNode scopes = array("gatehouse-web", "defaultClientScopes");
		for (int i = scopes.size() - 1; i >= 0; i--) {
			if (scopes.get(i).asString().equals("partner")) {
				scopes.remove(i);
			}
		}
		assertContractRejects("acme-admin", GatehouseContract.PARTNER_CLAIM);
	}

	@Test
	void accessTokenLifespanOverFiveMinutesIsRejected() {
		this.realm.put("accessTokenLifespan", 301);
		assertPolicyRejects(REALM, RealmPolicy.SHORT_LIVED_ACCESS_TOKENS);
	}

	@Test
	void missingAccessTokenLifespanIsRejected() {
		this.realm.remove("accessTokenLifespan");
		assertPolicyRejects(REALM, RealmPolicy.SHORT_LIVED_ACCESS_TOKENS);
	}

	@Test
	void clientLengtheningAccessTokensIsRejected() {
		attributes("reporting-batch").put("access.token.lifespan", "3600");
		assertPolicyRejects("reporting-batch", RealmPolicy.SHORT_LIVED_ACCESS_TOKENS);
	}

	@Test
	void realmWithoutBruteForceProtectionIsRejected() {
		this.realm.put("bruteForceProtected", false);
		assertPolicyRejects(REALM, RealmPolicy.BRUTE_FORCE_PROTECTION);
	}

	@Test
	void realmSigningWithHs256IsRejected() {
		this.realm.put("defaultSignatureAlgorithm", "HS256");
		assertPolicyRejects(REALM, RealmPolicy.RS256_SIGNATURES);
	}

	@Test
	void clientChangingTheSignatureAlgorithmIsRejected() {
		attributes("policy-service").put("access.token.signed.response.alg", "ES256");
		assertPolicyRejects("policy-service", RealmPolicy.RS256_SIGNATURES);
	}

	@Test
	void missingPermissionRoleIsRejected() {
		ArrayNode roles = (ArrayNode) this.realm.path("roles").path("realm");
		roles.removeIf(role -> "policy:approve".equals(role.path("name").asString()));
		assertContractRejects(REALM, GatehouseContract.PERMISSION_ROLES);
	}

	@Test
	void personaWithAnExtraPermissionIsRejected() {
		((ArrayNode) realmRole(this.realm, "auditor").path("composites").path("realm")).add("policy:write");
		assertContractRejects(REALM, GatehouseContract.PERSONA_COMPOSITES);
	}

	@Test
	void roleBeyondTheContractIsRejected() {
		((ArrayNode) this.realm.path("roles").path("realm")).addObject().put("name", "admin");
		assertContractRejects(REALM, GatehouseContract.NO_EXTRA_ROLES);
	}

	@Test
	void aServicesRoleIsAcceptedOnlyWhenTheDescriptionDeclaresIt() {
		// A role of no service in gatehouse.yaml: the realm holds the roles of those it
		// declares (one new-service added too).
		String undeclared = "ledger:read";
		((ArrayNode) this.realm.path("roles").path("realm")).addObject()
			.put("name", undeclared)
			.put("composite", false);
		((ArrayNode) realmRole(this.realm, "agent").path("composites").path("realm")).add(undeclared);
		Set<String> declared = new LinkedHashSet<>(GatehouseContract.SERVICE_PERMISSIONS);
		declared.add(undeclared);
		assertThatNoException().isThrownBy(() -> {
			GatehouseContract.declaresNoExtraRoles(this.realm, declared);
			GatehouseContract.personaRolesHaveContractComposites(this.realm, declared);
		});
		assertRejected(() -> GatehouseContract.declaresNoExtraRoles(this.realm, GatehouseContract.SERVICE_PERMISSIONS),
				REALM, GatehouseContract.NO_EXTRA_ROLES);
		assertRejected(() -> GatehouseContract.personaRolesHaveContractComposites(this.realm,
				GatehouseContract.SERVICE_PERMISSIONS), REALM, GatehouseContract.PERSONA_COMPOSITES);
	}

	@Test
	void aDescriptionThatDropsOrChangesAContractRoleIsRejected() {
		Realm described = PlatformDescription.load(Repository.ROOT.resolve(PlatformDescription.FILE)).realm();
		List<Permission> withoutApprove = described.permissions()
			.stream()
			.filter(permission -> !permission.name().equals("policy:approve"))
			.toList();
		assertRejected(
				() -> GatehouseContract
					.descriptionHoldsTheContract(new Realm(described.personas(), withoutApprove, described.users())),
				"gatehouse.yaml", GatehouseContract.DESCRIPTION_HOLDS_CONTRACT);
		List<Permission> auditorWrites = described.permissions()
			.stream()
			.map(permission -> permission.name().equals("customer:write") ? new Permission(permission.service(),
					permission.name(), permission.description(), List.of("agent", "auditor"), permission.clients())
					: permission)
			.toList();
		assertRejected(
				() -> GatehouseContract
					.descriptionHoldsTheContract(new Realm(described.personas(), auditorWrites, described.users())),
				"gatehouse.yaml", GatehouseContract.DESCRIPTION_HOLDS_CONTRACT);
		Map<String, List<String>> eveAnAgent = new LinkedHashMap<>(described.users());
		eveAnAgent.put("eve", List.of("agent"));
		assertRejected(
				() -> GatehouseContract
					.descriptionHoldsTheContract(new Realm(described.personas(), described.permissions(), eveAnAgent)),
				"gatehouse.yaml", GatehouseContract.DESCRIPTION_HOLDS_CONTRACT);
	}

	@Test
	void defaultRoleWithCompositesIsRejected() {
		realmRole(this.realm, GatehouseContract.DEFAULT_ROLE).putObject("composites").putArray("realm").add("customer");
		assertContractRejects(REALM, GatehouseContract.EMPTY_DEFAULT_ROLE);
	}

	@Test
	void realmLeavingTheAccountClientToKeycloakIsRejected() {
		((ArrayNode) this.realm.path("clients")).removeIf(c -> "account".equals(c.path("clientId").asString()));
		assertContractRejects(REALM, GatehouseContract.EMPTY_DEFAULT_ROLE);
	}

	@Test
	void userWithAnotherPersonaIsRejected() {
		user(this.realm, "eve").putArray("realmRoles").add("auditor");
		assertContractRejects("eve", GatehouseContract.USER_AS_CONTRACTED);
	}

	@Test
	void userWithTemporaryPasswordIsRejected() {
		((ObjectNode) user(this.realm, "alice").path("credentials").get(0)).put("temporary", true);
		assertContractRejects("alice", GatehouseContract.USER_AS_CONTRACTED);
	}

	@Test
	void userWithoutVerifiedEmailIsRejected() {
		user(this.realm, "bob").put("emailVerified", false);
		assertContractRejects("bob", GatehouseContract.USER_AS_CONTRACTED);
	}

	@Test
	void confidentialClientWithBrowserLoginIsRejected() {
		client(this.realm, "gatehouse-gateway").put("standardFlowEnabled", true);
		assertContractRejects("gatehouse-gateway", GatehouseContract.CLIENT_AS_CONTRACTED);
	}

	@Test
	void serviceAccountMissingARoleIsRejected() {
		user(this.realm, "service-account-reporting-batch").putArray("realmRoles").add("customer:read");
		assertContractRejects("reporting-batch", GatehouseContract.SERVICE_ACCOUNT_ROLES);
	}

	@Test
	void scopeMappingsDroppingAPersonaIsRejected() {
		ArrayNode mappings = (ArrayNode) this.realm.path("scopeMappings");
		mappings.valueStream()
			.filter(mapping -> "gatehouse-web".equals(mapping.path("client").asString()))
			.forEach(mapping -> ((ArrayNode) mapping.path("roles")).removeIf(role -> "agent".equals(role.asString())));
		assertContractRejects("gatehouse-web", GatehouseContract.ROLES_REACH_TOKENS);
	}

	@Test
	void clientWithoutTheAudienceScopeIsRejected() {
		array("policy-service", "defaultClientScopes").removeIf(scope -> "gatehouse-api".equals(scope.asString()));
		assertContractRejects("policy-service", GatehouseContract.API_AUDIENCE);
	}

	@Test
	void audienceMapperOutsideTheAccessTokenIsRejected() {
		((ObjectNode) clientScope(this.realm, "gatehouse-api").path("protocolMappers").get(0).path("config"))
			.put("access.token.claim", "false");
		assertContractRejects("gatehouse-web", GatehouseContract.API_AUDIENCE);
	}

	@Test
	void referenceToAnUndeclaredScopeIsRejected() {
		array("gatehouse-web", "defaultClientScopes").add("phone");
		assertContractRejects("gatehouse-web", GatehouseContract.DECLARED_SCOPES);
	}

	@Test
	void clientWithoutTheRolesScopeIsRejected() {
		array("reporting-batch", "defaultClientScopes").removeIf(scope -> "roles".equals(scope.asString()));
		assertContractRejects("reporting-batch", GatehouseContract.IDENTITY_CLAIMS);
	}

	@Test
	void serviceAccountClientWithoutTheClientIdClaimIsRejected() {
		array("gatehouse-gateway", "defaultClientScopes").removeIf(scope -> "service_account".equals(scope.asString()));
		assertContractRejects("gatehouse-gateway", GatehouseContract.CLIENT_ID_CLAIM);
	}

	private ObjectNode attributes(String clientId) {
		return (ObjectNode) client(this.realm, clientId).path("attributes");
	}

	private ArrayNode array(String clientId, String field) {
		return (ArrayNode) client(this.realm, clientId).path(field);
	}

	private void assertPolicyRejects(String subject, String rule) {
		assertRejected(() -> RealmPolicy.enforce(this.realm), subject, rule);
	}

	private void assertContractRejects(String subject, String rule) {
		assertRejected(() -> GatehouseContract.enforce(this.realm), subject, rule);
	}

	private static void assertRejected(ThrowingCallable check, String subject, String rule) {
		assertThatThrownBy(check).isInstanceOf(AssertionError.class)
			.hasMessageContaining("'" + subject + "'")
			.hasMessageContaining("[" + rule + "]");
	}

}
