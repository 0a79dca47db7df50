package dev.gatehouse.realm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.platform.PlatformDescription.Permission;
import dev.gatehouse.platform.PlatformDescription.Realm;
import dev.gatehouse.test.Repository;

import static dev.gatehouse.realm.RealmJson.client;
import static dev.gatehouse.realm.RealmJson.clients;
import static dev.gatehouse.realm.RealmJson.describe;
import static dev.gatehouse.realm.RealmJson.findClient;
import static dev.gatehouse.realm.RealmJson.findClientScope;
import static dev.gatehouse.realm.RealmJson.findRealmRole;
import static dev.gatehouse.realm.RealmJson.isEnabled;
import static dev.gatehouse.realm.RealmJson.realmRole;
import static dev.gatehouse.realm.RealmJson.scopeMappedRoles;
import static dev.gatehouse.realm.RealmJson.strings;
import static dev.gatehouse.realm.RealmJson.user;
import static dev.gatehouse.realm.RealmPolicy.clientBreaks;
import static dev.gatehouse.realm.RealmPolicy.realmBreaks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Identity" section of the shared contract, as rules over the realm import. Like
 * {@link RealmPolicy}, each rule is one method whose failure names the subject and the
 * rule.
 * <p>
 * The realm's roles come from gatehouse.yaml (its realm section). The contract fixes a
 * subset of it: its permission roles, what each persona and client holds of them, its
 * users; the description may add only the permission roles of services (which personas
 * and clients may then hold), never another persona or a contract role elsewhere. So a
 * realm is accepted with the contract's roles and the services' roles the description
 * declares, and nothing else.
 */
final class GatehouseContract {

	static final String AUDIENCE = "gatehouse-api";

	static final String CALLBACK = "http://127.0.0.1:8765/callback";

	/** The portal's redirect URIs, one per gateway listener (the contract's "Portal"). */
	static final List<String> PORTAL_CALLBACKS = List.of("http://127.0.0.1:8080/login/oauth2/code/gatehouse",
			"https://localhost:8443/login/oauth2/code/gatehouse");

	static final Set<String> PERMISSIONS = Set.of("customer:read", "customer:write", "policy:read", "policy:write",
			"policy:approve");

	static final Map<String, Set<String>> PERSONAS = Map.of("customer", Set.of(), "agent",
			Set.of("customer:read", "customer:write", "policy:read"), "underwriter",
			Set.of("policy:read", "policy:write", "policy:approve"), "auditor", Set.of("customer:read", "policy:read"));

	/**
	 * Manages the API keys of the partner its token names (claim {@code partner}) at the
	 * gateway's key API.
	 */
	static final String PARTNER_ADMIN = "partner-admin";

	/** Username to realm roles; eve deliberately has none. */
	static final Map<String, Set<String>> USERS = Map.of("alice", Set.of("customer"), "frank", Set.of("customer"),
			"bob", Set.of("agent"), "carol", Set.of("underwriter"), "dave", Set.of("auditor"), "eve", Set.of(),
			"acme-admin", Set.of(PARTNER_ADMIN));

	/** Partner administrators and the partner their tokens name. */
	static final Map<String, String> PARTNER_ADMINS = Map.of("acme-admin", "acme");

	static final String DEFAULT_ROLE = "default-roles-gatehouse";

	/**
	 * The permission roles gatehouse.yaml declares for services beyond the contract's
	 * (e.g. those of a service new-service added).
	 */
	static final Set<String> SERVICE_PERMISSIONS = servicePermissions(
			PlatformDescription.load(Repository.ROOT.resolve(PlatformDescription.FILE)).realm());

	/**
	 * Keycloak adds these to the default role at import unless the file declares them
	 * itself (the account client brings its manage-account and view-profile roles).
	 */
	static final Set<String> KEYCLOAK_ROLES_DECLARED_TO_KEEP_DEFAULT_ROLE_EMPTY = Set.of("offline_access",
			"uma_authorization");

	/**
	 * A client of the contract: public (a browser or tool holding no secret),
	 * confidential with a browser sign-in (redirect URIs, no service account), or a
	 * confidential system (service account only).
	 */
	record ContractClient(String clientId, boolean isPublic, String secret, Set<String> serviceAccountRoles,
			List<String> redirectUris) {

		ContractClient(String clientId, boolean isPublic, String secret, Set<String> serviceAccountRoles) {
			this(clientId, isPublic, secret, serviceAccountRoles, isPublic ? List.of(CALLBACK) : List.of());
		}

		boolean signsPeopleIn() {
			return !this.redirectUris.isEmpty();
		}

		String serviceAccountUser() {
			return "service-account-" + this.clientId;
		}

	}

	static final List<ContractClient> CLIENTS = List.of(new ContractClient("gatehouse-web", true, null, Set.of()),
			new ContractClient("reporting-batch", false, "reporting-batch-secret",
					Set.of("customer:read", "policy:read")),
			new ContractClient("policy-service", false, "policy-service-secret", Set.of("customer:read")),
			new ContractClient("gatehouse-gateway", false, "gatehouse-gateway-secret", Set.of()),
			new ContractClient("gatehouse-portal", false, "gatehouse-portal-secret", Set.of(), PORTAL_CALLBACKS));

	static final String PERMISSION_ROLES = "declares the five permission roles";

	static final String PERSONA_COMPOSITES = "persona roles are composites of exactly the contract's permissions (and services' roles)";

	static final String NO_EXTRA_ROLES = "no realm roles beyond the contract and the services' roles in gatehouse.yaml";

	static final String EMPTY_DEFAULT_ROLE = "the default role grants nothing";

	static final String USER_AS_CONTRACTED = "user exists as the contract describes";

	static final String CLIENT_AS_CONTRACTED = "client exists with the contract's grant";

	static final String SERVICE_ACCOUNT_ROLES = "service account has exactly the contract's roles";

	static final String API_AUDIENCE = "access tokens carry aud gatehouse-api";

	static final String DECLARED_SCOPES = "client scopes it references are declared";

	static final String IDENTITY_CLAIMS = "access tokens carry sub, preferred_username, realm_access.roles";

	static final String CLIENT_ID_CLAIM = "service-account tokens carry client_id";

	static final String ROLES_REACH_TOKENS = "client scope lets the contract's roles into its tokens";

	static final String PARTNER_CLAIM = "a partner administrator's user tokens carry its partner";

	static final String DESCRIPTION_HOLDS_CONTRACT = "gatehouse.yaml's realm holds the contract's roles, users and clients";

	private GatehouseContract() {
	}

	/** Applies every contract rule. */
	static void enforce(JsonNode realm) {
		declaresPermissionRoles(realm);
		personaRolesHaveContractComposites(realm);
		declaresNoExtraRoles(realm);
		defaultRoleGrantsNothing(realm);
		USERS.keySet().forEach(username -> userAsContracted(realm, username));
		PARTNER_ADMINS.forEach((username, partner) -> partnerAdminTokensNameThePartner(realm, username, partner));
		for (ContractClient expected : CLIENTS) {
			clientAsContracted(realm, expected);
			serviceAccountHasContractRoles(realm, expected);
			contractRolesReachTokens(realm, expected);
		}
		for (JsonNode client : clients(realm)) {
			referencedScopesAreDeclared(realm, client);
			if (isEnabled(client)) {
				tokensCarryApiAudience(realm, client);
				tokensCarryIdentityClaims(realm, client);
				serviceAccountTokensCarryClientId(realm, client);
			}
		}
	}

	static Set<String> servicePermissions(Realm description) {
		Set<String> roles = description.permissions()
			.stream()
			.map(Permission::name)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		roles.removeAll(PERMISSIONS);
		return roles;
	}

	/**
	 * The description the realm is generated from states every contract role, persona,
	 * user and client role as the contract does; what it adds are services' permission
	 * roles only.
	 */
	static void descriptionHoldsTheContract(Realm description) {
		Set<String> permissions = description.permissions().stream().map(Permission::name).collect(Collectors.toSet());
		assertThat(permissions)
			.withFailMessage(descriptionBreaks("realm.permissions lacks "
					+ PERMISSIONS.stream().filter(role -> !permissions.contains(role)).toList()))
			.containsAll(PERMISSIONS);
		Set<String> personas = new LinkedHashSet<>(PERSONAS.keySet());
		personas.add(PARTNER_ADMIN);
		assertThat(description.personas().keySet())
			.withFailMessage(descriptionBreaks(
					"realm.personas are " + description.personas().keySet() + ", expected " + personas))
			.containsExactlyInAnyOrderElementsOf(personas);
		PERSONAS.forEach((persona, expected) -> {
			Set<String> held = contractRoles(description.permissionsOfPersona(persona));
			assertThat(held)
				.withFailMessage(descriptionBreaks("persona " + persona + " holds " + held + ", expected " + expected))
				.isEqualTo(expected);
		});
		assertThat(description.permissionsOfPersona(PARTNER_ADMIN))
			.withFailMessage(descriptionBreaks(PARTNER_ADMIN + " holds permissions"))
			.isEmpty();
		assertThat(description.users().keySet())
			.withFailMessage(descriptionBreaks(
					"realm.users are " + description.users().keySet() + ", expected " + USERS.keySet()))
			.containsExactlyInAnyOrderElementsOf(USERS.keySet());
		USERS.forEach((username, roles) -> assertThat(Set.copyOf(description.users().get(username)))
			.withFailMessage(descriptionBreaks(
					"user " + username + " holds " + description.users().get(username) + ", expected " + roles))
			.isEqualTo(roles));
		for (ContractClient client : CLIENTS) {
			Set<String> held = contractRoles(description.permissionsOfClient(client.clientId()));
			assertThat(held)
				.withFailMessage(descriptionBreaks("client " + client.clientId() + " holds " + held + ", expected "
						+ client.serviceAccountRoles()))
				.isEqualTo(client.serviceAccountRoles());
		}
	}

	private static Set<String> contractRoles(List<String> roles) {
		return roles.stream().filter(PERMISSIONS::contains).collect(Collectors.toSet());
	}

	private static String descriptionBreaks(String detail) {
		return "description 'gatehouse.yaml' breaks rule [" + DESCRIPTION_HOLDS_CONTRACT + "]: " + detail;
	}

	static void declaresPermissionRoles(JsonNode realm) {
		for (String permission : PERMISSIONS) {
			assertThat(findRealmRole(realm, permission))
				.withFailMessage(realmBreaks(realm, PERMISSION_ROLES, "role '" + permission + "' is missing"))
				.isPresent();
		}
	}

	static void personaRolesHaveContractComposites(JsonNode realm) {
		personaRolesHaveContractComposites(realm, SERVICE_PERMISSIONS);
	}

	/**
	 * Of the contract's permissions a persona holds exactly the contract's; beyond them
	 * only roles of services the description declares.
	 */
	static void personaRolesHaveContractComposites(JsonNode realm, Set<String> servicePermissions) {
		PERSONAS.forEach((persona, permissions) -> {
			JsonNode role = findRealmRole(realm, persona).orElse(null);
			assertThat(role)
				.withFailMessage(realmBreaks(realm, PERSONA_COMPOSITES, "role '" + persona + "' is missing"))
				.isNotNull();
			Set<String> composites = strings(role.path("composites").path("realm"));
			assertThat(withoutServiceRoles(composites, servicePermissions))
				.withFailMessage(realmBreaks(realm, PERSONA_COMPOSITES,
						"role '" + persona + "' has " + composites + ", expected " + permissions
								+ " and services' roles " + servicePermissions))
				.isEqualTo(permissions);
			assertThat(role.path("composites").path("client").isEmpty())
				.withFailMessage(
						realmBreaks(realm, PERSONA_COMPOSITES, "role '" + persona + "' has client-role composites"))
				.isTrue();
		});
	}

	static void declaresNoExtraRoles(JsonNode realm) {
		declaresNoExtraRoles(realm, SERVICE_PERMISSIONS);
	}

	static void declaresNoExtraRoles(JsonNode realm, Set<String> servicePermissions) {
		Set<String> allowed = new LinkedHashSet<>(PERMISSIONS);
		allowed.addAll(servicePermissions);
		allowed.addAll(PERSONAS.keySet());
		allowed.add(PARTNER_ADMIN);
		allowed.add(DEFAULT_ROLE);
		allowed.addAll(KEYCLOAK_ROLES_DECLARED_TO_KEEP_DEFAULT_ROLE_EMPTY);
		Set<String> declared = realm.path("roles")
			.path("realm")
			.valueStream()
			.map(role -> role.path("name").asString(""))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		declared.removeAll(allowed);
		assertThat(declared).withFailMessage(realmBreaks(realm, NO_EXTRA_ROLES, "unexpected roles " + declared))
			.isEmpty();
	}

	/**
	 * The default role must be declared without composites, and so must the Keycloak
	 * built-ins that Keycloak would otherwise add to it: the offline_access role and
	 * scope, uma_authorization and the account client.
	 */
	static void defaultRoleGrantsNothing(JsonNode realm) {
		assertThat(realm.path("defaultRole").path("name").asString(""))
			.withFailMessage(
					realmBreaks(realm, EMPTY_DEFAULT_ROLE, "defaultRole is " + describe(realm.path("defaultRole"))))
			.isEqualTo(DEFAULT_ROLE);
		JsonNode composites = realmRole(realm, DEFAULT_ROLE).path("composites");
		assertThat(composites.isMissingNode() || composites.isEmpty())
			.withFailMessage(realmBreaks(realm, EMPTY_DEFAULT_ROLE, DEFAULT_ROLE + " has composites " + composites))
			.isTrue();
		for (String builtIn : KEYCLOAK_ROLES_DECLARED_TO_KEEP_DEFAULT_ROLE_EMPTY) {
			assertThat(findRealmRole(realm, builtIn))
				.withFailMessage(realmBreaks(realm, EMPTY_DEFAULT_ROLE,
						"role '" + builtIn + "' is not declared, so Keycloak adds it to " + DEFAULT_ROLE))
				.isPresent();
		}
		assertThat(findClientScope(realm, "offline_access"))
			.withFailMessage(realmBreaks(realm, EMPTY_DEFAULT_ROLE,
					"scope 'offline_access' is not declared, so Keycloak adds role offline_access to " + DEFAULT_ROLE))
			.isPresent();
		assertThat(findClient(realm, "account"))
			.withFailMessage(realmBreaks(realm, EMPTY_DEFAULT_ROLE,
					"client 'account' is not declared, so Keycloak adds its roles to " + DEFAULT_ROLE))
			.isPresent();
	}

	/**
	 * Every field that could otherwise make Keycloak demand a profile update before the
	 * first login.
	 */
	static void userAsContracted(JsonNode realm, String username) {
		JsonNode user = user(realm, username);
		String subject = "user '" + username + "' breaks rule [" + USER_AS_CONTRACTED + "]: ";
		assertThat(user.path("enabled").asBoolean(false)).withFailMessage(subject + "not enabled").isTrue();
		assertThat(user.path("emailVerified").asBoolean(false)).withFailMessage(subject + "email not verified")
			.isTrue();
		for (String field : List.of("firstName", "lastName", "email")) {
			assertThat(user.path(field).asString("")).withFailMessage(subject + field + " is blank").isNotBlank();
		}
		assertThat(user.path("requiredActions").isEmpty())
			.withFailMessage(subject + "has required actions " + user.path("requiredActions"))
			.isTrue();
		List<JsonNode> passwords = user.path("credentials")
			.valueStream()
			.filter(credential -> "password".equals(credential.path("type").asString(null)))
			.toList();
		assertThat(passwords).withFailMessage(subject + "needs exactly one password credential").hasSize(1);
		assertThat(passwords.get(0).path("value").asString(""))
			.withFailMessage(subject + "password is not '" + username + "-pass'")
			.isEqualTo(username + "-pass");
		assertThat(passwords.get(0).path("temporary").asBoolean(true))
			.withFailMessage(subject + "password must be explicitly non-temporary")
			.isFalse();
		Set<String> roles = strings(user.path("realmRoles"));
		assertThat(roles).withFailMessage(subject + "realm roles are " + roles + ", expected " + USERS.get(username))
			.isEqualTo(USERS.get(username));
		assertThat(user.path("clientRoles").isEmpty())
			.withFailMessage(subject + "has client roles " + user.path("clientRoles"))
			.isTrue();
	}

	/**
	 * The user's partner comes from the attribute {@code partner}, its own or its group's
	 * (Keycloak's user-attribute mapper reads both), into the access token of the public
	 * client through which users sign in.
	 */
	static void partnerAdminTokensNameThePartner(JsonNode realm, String username, String partner) {
		JsonNode user = user(realm, username);
		String subject = "user '" + username + "' breaks rule [" + PARTNER_CLAIM + "]: ";
		Set<String> partners = new LinkedHashSet<>(strings(user.path("attributes").path("partner")));
		for (String path : strings(user.path("groups"))) {
			realm.path("groups")
				.valueStream()
				.filter(group -> path.equals("/" + group.path("name").asString("")))
				.forEach(group -> partners.addAll(strings(group.path("attributes").path("partner"))));
		}
		assertThat(partners).withFailMessage(subject + "partner attributes " + partners + ", expected " + partner)
			.containsExactly(partner);
		JsonNode web = client(realm, "gatehouse-web");
		assertThat(hasAccessTokenMapper(realm, web,
				mapper -> "oidc-usermodel-attribute-mapper".equals(type(mapper))
						&& "partner".equals(config(mapper, "user.attribute"))
						&& "partner".equals(config(mapper, "claim.name"))))
			.withFailMessage(subject + "no default client scope of gatehouse-web maps the attribute to claim partner")
			.isTrue();
	}

	/**
	 * Public client: browser flow with the registered callback. Confidential client
	 * signing people in: browser flow with its redirect URIs and its secret, no service
	 * account. Confidential system: service account only.
	 */
	static void clientAsContracted(JsonNode realm, ContractClient expected) {
		JsonNode client = client(realm, expected.clientId());
		assertThat(isEnabled(client)).withFailMessage(clientBreaks(client, CLIENT_AS_CONTRACTED, "disabled")).isTrue();
		assertFlag(client, "publicClient", expected.isPublic());
		assertFlag(client, "standardFlowEnabled", expected.signsPeopleIn());
		assertFlag(client, "serviceAccountsEnabled", !expected.signsPeopleIn());
		assertFlag(client, "bearerOnly", false);
		if (expected.signsPeopleIn()) {
			assertThat(strings(client.path("redirectUris")))
				.withFailMessage(
						clientBreaks(client, CLIENT_AS_CONTRACTED, "redirect URIs lack " + expected.redirectUris()))
				.containsAll(expected.redirectUris());
		}
		if (!expected.isPublic()) {
			assertThat(client.path("secret").asString(""))
				.withFailMessage(clientBreaks(client, CLIENT_AS_CONTRACTED, "secret is not the contract's dev secret"))
				.isEqualTo(expected.secret());
			assertThat(client.path("clientAuthenticatorType").asString(""))
				.withFailMessage(
						clientBreaks(client, CLIENT_AS_CONTRACTED, "clientAuthenticatorType is not client-secret"))
				.isEqualTo("client-secret");
		}
	}

	static void serviceAccountHasContractRoles(JsonNode realm, ContractClient expected) {
		if (expected.signsPeopleIn()) {
			return;
		}
		JsonNode client = client(realm, expected.clientId());
		JsonNode account = user(realm, expected.serviceAccountUser());
		assertThat(account.path("serviceAccountClientId").asString(""))
			.withFailMessage(clientBreaks(client, SERVICE_ACCOUNT_ROLES,
					expected.serviceAccountUser() + " is not linked through serviceAccountClientId"))
			.isEqualTo(expected.clientId());
		Set<String> roles = strings(account.path("realmRoles"));
		assertThat(withoutServiceRoles(roles, SERVICE_PERMISSIONS))
			.withFailMessage(clientBreaks(client, SERVICE_ACCOUNT_ROLES,
					"roles are " + roles + ", expected " + expected.serviceAccountRoles() + " and services' roles "
							+ SERVICE_PERMISSIONS))
			.isEqualTo(expected.serviceAccountRoles());
	}

	private static Set<String> withoutServiceRoles(Set<String> roles, Set<String> servicePermissions) {
		Set<String> contractRoles = new LinkedHashSet<>(roles);
		contractRoles.removeAll(servicePermissions);
		return contractRoles;
	}

	/**
	 * With fullScopeAllowed off, Keycloak silently drops every role that is not
	 * scope-mapped to the client, so the mappings must cover what the client's tokens are
	 * meant to carry.
	 */
	static void contractRolesReachTokens(JsonNode realm, ContractClient expected) {
		JsonNode client = client(realm, expected.clientId());
		if (client.path("fullScopeAllowed").asBoolean(true)) {
			return;
		}
		Set<String> needed = new LinkedHashSet<>(expected.serviceAccountRoles());
		if (expected.signsPeopleIn()) {
			needed.addAll(PERSONAS.keySet());
			needed.addAll(PERMISSIONS);
			needed.add(PARTNER_ADMIN);
		}
		Set<String> missing = new LinkedHashSet<>(needed);
		missing.removeAll(scopeMappedRoles(realm, expected.clientId()));
		assertThat(missing).withFailMessage(clientBreaks(client, ROLES_REACH_TOKENS, "scopeMappings lack " + missing))
			.isEmpty();
	}

	/**
	 * Keycloak ignores a reference to an undeclared scope with nothing but a log warning.
	 */
	static void referencedScopesAreDeclared(JsonNode realm, JsonNode client) {
		Stream
			.concat(strings(client.path("defaultClientScopes")).stream(),
					strings(client.path("optionalClientScopes")).stream())
			.forEach(scope -> assertThat(findClientScope(realm, scope))
				.withFailMessage(clientBreaks(client, DECLARED_SCOPES, "scope '" + scope + "' is not declared"))
				.isPresent());
	}

	static void tokensCarryApiAudience(JsonNode realm, JsonNode client) {
		assertThat(hasAccessTokenMapper(realm, client,
				mapper -> "oidc-audience-mapper".equals(type(mapper))
						&& AUDIENCE.equals(config(mapper, "included.custom.audience"))))
			.withFailMessage(clientBreaks(client, API_AUDIENCE,
					"no default client scope holds an oidc-audience-mapper for " + AUDIENCE + " into the access token"))
			.isTrue();
	}

	static void tokensCarryIdentityClaims(JsonNode realm, JsonNode client) {
		Map<String, Predicate<JsonNode>> claims = Map.of("sub", mapper -> "oidc-sub-mapper".equals(type(mapper)),
				"preferred_username", mapper -> "preferred_username".equals(config(mapper, "claim.name")),
				"realm_access.roles", mapper -> "oidc-usermodel-realm-role-mapper".equals(type(mapper))
						&& "realm_access.roles".equals(config(mapper, "claim.name")));
		claims.forEach((claim, isMapper) -> assertThat(hasAccessTokenMapper(realm, client, isMapper))
			.withFailMessage(clientBreaks(client, IDENTITY_CLAIMS, "no default client scope maps " + claim))
			.isTrue());
	}

	static void serviceAccountTokensCarryClientId(JsonNode realm, JsonNode client) {
		if (!client.path("serviceAccountsEnabled").asBoolean(false)) {
			return;
		}
		assertThat(hasAccessTokenMapper(realm, client, mapper -> "client_id".equals(config(mapper, "claim.name"))))
			.withFailMessage(clientBreaks(client, CLIENT_ID_CLAIM, "no default client scope maps client_id"))
			.isTrue();
	}

	/** Looks at the client's own mappers and at those of its default client scopes. */
	private static boolean hasAccessTokenMapper(JsonNode realm, JsonNode client, Predicate<JsonNode> isWanted) {
		Stream<JsonNode> scopeMappers = strings(client.path("defaultClientScopes")).stream()
			.map(name -> findClientScope(realm, name))
			.flatMap(Optional::stream)
			.flatMap(scope -> scope.path("protocolMappers").valueStream());
		return Stream.concat(client.path("protocolMappers").valueStream(), scopeMappers)
			.filter(mapper -> "true".equals(config(mapper, "access.token.claim")))
			.anyMatch(isWanted);
	}

	private static String type(JsonNode mapper) {
		return mapper.path("protocolMapper").asString("");
	}

	private static String config(JsonNode mapper, String key) {
		return mapper.path("config").path(key).asString(null);
	}

	private static void assertFlag(JsonNode client, String field, boolean expected) {
		JsonNode flag = client.path(field);
		assertThat(flag.isBoolean() && flag.booleanValue() == expected)
			.withFailMessage(clientBreaks(client, CLIENT_AS_CONTRACTED,
					field + " must be explicitly " + expected + " but is " + describe(flag)))
			.isTrue();
	}

}
