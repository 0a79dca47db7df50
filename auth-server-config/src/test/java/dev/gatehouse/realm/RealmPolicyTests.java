package dev.gatehouse.realm;

import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.realm.GatehouseContract.ContractClient;
import dev.gatehouse.test.Repository;

/**
 * Checks the realm against the security policy and the shared contract (and the
 * description it is generated from, gatehouse.yaml, against the contract), one rule per
 * test and one case per client or user, so a failure points at exactly what is wrong. The
 * policy holds for the base realm (what production applies) and for the full demo realm
 * (base plus demo data); the contract, which names the demo users and secrets, for the
 * full demo realm. {@link BrokenRealmsAreRejectedTests} proves that each rule can fail.
 */
class RealmPolicyTests {

	private static final JsonNode REALM = RealmJson.load();

	private static final JsonNode BASE = RealmJson.loadBase();

	static Stream<Named<JsonNode>> realms() {
		return Stream.of(Named.of("base realm", BASE), Named.of("demo realm", REALM));
	}

	static Stream<Named<JsonNode>> clients() {
		return realms().flatMap(realm -> RealmJson.clients(realm.getPayload())
			.stream()
			.map(client -> Named.of(realm.getName() + ": " + RealmJson.clientId(client), client)));
	}

	static Stream<Named<JsonNode>> demoRealmClients() {
		return RealmJson.clients(REALM).stream().map(client -> Named.of(RealmJson.clientId(client), client));
	}

	/**
	 * Keycloak's built-ins declared only to disable them issue no tokens, so token rules
	 * skip them.
	 */
	static Stream<Named<JsonNode>> enabledClients() {
		return demoRealmClients().filter(client -> RealmJson.isEnabled(client.getPayload()));
	}

	static Stream<Named<ContractClient>> contractClients() {
		return GatehouseContract.CLIENTS.stream().map(client -> Named.of(client.clientId(), client));
	}

	static Stream<String> contractUsers() {
		return GatehouseContract.USERS.keySet().stream().sorted();
	}

	@Nested
	class SecurityPolicy {

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#realms")
		void accessTokensLiveAtMostFiveMinutes(JsonNode realm) {
			RealmPolicy.shortLivedAccessTokens(realm);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#realms")
		void bruteForceProtectionIsOn(JsonNode realm) {
			RealmPolicy.bruteForceProtection(realm);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#realms")
		void tokensAreSignedWithRs256(JsonNode realm) {
			RealmPolicy.rs256Signatures(realm);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#clients")
		void clientRefusesThePasswordGrant(JsonNode client) {
			RealmPolicy.noPasswordGrant(client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#clients")
		void clientRefusesTheImplicitFlow(JsonNode client) {
			RealmPolicy.noImplicitFlow(client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#clients")
		void publicClientRequiresPkceS256(JsonNode client) {
			RealmPolicy.publicClientUsesPkceS256(client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#clients")
		void clientRedirectsOnlyToExactUris(JsonNode client) {
			RealmPolicy.exactRedirectUris(client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#clients")
		void clientAllowsOnlyExactWebOrigins(JsonNode client) {
			RealmPolicy.exactWebOrigins(client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#clients")
		void clientDoesNotLengthenAccessTokens(JsonNode client) {
			RealmPolicy.clientKeepsAccessTokensShortLived(client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#clients")
		void clientDoesNotChangeTheSignatureAlgorithm(JsonNode client) {
			RealmPolicy.clientSignsWithRs256(client);
		}

	}

	@Nested
	class Contract {

		@Test
		void theDescriptionTheRealmIsGeneratedFromHoldsTheContractsRolesUsersAndClients() {
			GatehouseContract.descriptionHoldsTheContract(
					PlatformDescription.load(Repository.ROOT.resolve(PlatformDescription.FILE)).realm());
		}

		@Test
		void permissionRolesAreDeclared() {
			GatehouseContract.declaresPermissionRoles(REALM);
		}

		@Test
		void personaRolesAreCompositesOfTheirPermissions() {
			GatehouseContract.personaRolesHaveContractComposites(REALM);
		}

		@Test
		void noRolesBeyondTheContractAreDeclared() {
			GatehouseContract.declaresNoExtraRoles(REALM);
		}

		@Test
		void defaultRoleGrantsNothing() {
			GatehouseContract.defaultRoleGrantsNothing(REALM);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#contractUsers")
		void userCanLogInWithTheContractsPasswordAndRoles(String username) {
			GatehouseContract.userAsContracted(REALM, username);
		}

		@Test
		void partnerAdministratorsTokensNameTheirPartner() {
			GatehouseContract.PARTNER_ADMINS.forEach((username, partner) -> GatehouseContract
				.partnerAdminTokensNameThePartner(REALM, username, partner));
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#contractClients")
		void clientHasTheContractsGrant(ContractClient client) {
			GatehouseContract.clientAsContracted(REALM, client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#contractClients")
		void serviceAccountHasTheContractsRoles(ContractClient client) {
			GatehouseContract.serviceAccountHasContractRoles(REALM, client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#contractClients")
		void contractRolesReachTheClientsTokens(ContractClient client) {
			GatehouseContract.contractRolesReachTokens(REALM, client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#demoRealmClients")
		void clientReferencesOnlyDeclaredScopes(JsonNode client) {
			GatehouseContract.referencedScopesAreDeclared(REALM, client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#enabledClients")
		void clientTokensAreIssuedForTheApi(JsonNode client) {
			GatehouseContract.tokensCarryApiAudience(REALM, client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#enabledClients")
		void clientTokensIdentifyTheCallerAndItsRoles(JsonNode client) {
			GatehouseContract.tokensCarryIdentityClaims(REALM, client);
		}

		@ParameterizedTest
		@MethodSource("dev.gatehouse.realm.RealmPolicyTests#enabledClients")
		void serviceAccountTokensNameTheirClient(JsonNode client) {
			GatehouseContract.serviceAccountTokensCarryClientId(REALM, client);
		}

	}

}
