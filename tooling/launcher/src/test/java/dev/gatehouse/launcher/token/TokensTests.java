package dev.gatehouse.launcher.token;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensTests {

	private final Tokens tokens = new Tokens("http://localhost:1/realms/gatehouse");

	@Test
	void unknownNameListsTheDemoUsersAndClients() {
		assertThatThrownBy(() -> tokens.forName("mallory")).isInstanceOf(TokenException.class)
			// starting with: a service made with --calls adds its client to the list
			.hasMessageStartingWith("unknown user or client 'mallory'; users: alice, frank, bob, carol, dave, eve,"
					+ " acme-admin; clients: reporting-batch, policy-service, gatehouse-gateway");
	}

	@Test
	void onlyConfidentialDemoClientsGetClientCredentials() {
		assertThatThrownBy(() -> tokens.client("gatehouse-web")).isInstanceOf(TokenException.class)
			.hasMessageContaining("not a confidential demo client");
	}

}
