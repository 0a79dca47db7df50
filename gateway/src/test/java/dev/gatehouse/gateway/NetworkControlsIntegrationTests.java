package dev.gatehouse.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.StubBackend.Received;
import dev.gatehouse.test.Persona;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client address resolution and IP rules. In the test configuration ::1 is a trusted
 * proxy and 127.0.0.1 is not; /api/customers/** denies 203.0.113.0/24 and
 * 2001:db8:bad::/48, /internal/** allows only loopback and 10.0.0.0/8.
 */
class NetworkControlsIntegrationTests extends GatewayTestSupport {

	String bob() {
		return bearer(issuer.token(Persona.BOB).build());
	}

	@Test
	void forwardedForFromAnUntrustedPeerIsIgnoredAndNotPassedOn() {
		client().get()
			.uri("/api/customers")
			.header("Authorization", bob())
			.header("X-Forwarded-For", "203.0.113.9")
			.header("Forwarded", "for=203.0.113.9")
			.header("X-Forwarded-Host", "evil.example")
			.exchange()
			.expectStatus()
			.isOk();
		Received request = customers.received().get(0);
		assertThat(request.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(request.header("Forwarded")).isNull();
		assertThat(request.header("X-Forwarded-Host")).isNull();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "X-Forwarded-For | 203.0.113.9 | 203.0.113.9",
					"X-Forwarded-For | 2001:db8:bad::7 | 2001:db8:bad:0:0:0:0:7",
					"Forwarded | for=\"[2001:db8:bad::1]:4711\" | 2001:db8:bad:0:0:0:0:1",
					"Forwarded | for=203.0.113.44;proto=https | 203.0.113.44",
					"X-Forwarded-For | '198.51.100.7, 203.0.113.9' | 203.0.113.9" })
	void deniedBlockBehindATrustedProxyIsRefusedWith403(String header, String value, String client) {
		viaTrustedProxy().get()
			.uri("/api/customers")
			.header("Authorization", bob())
			.header(header, value)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:ip-not-allowed")
			.jsonPath("$.detail")
			.value(String.class, (actual) -> assertThat(actual).contains(client));
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void entriesLeftOfTheFirstUntrustedAddressAreTheClientsOwnClaimAndIgnored() {
		viaTrustedProxy().get()
			.uri("/api/customers")
			.header("Authorization", bob())
			.header("X-Forwarded-For", "203.0.113.9, 198.51.100.7")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(customers.received().get(0).header("X-Forwarded-For")).isEqualTo("198.51.100.7");
	}

	@Test
	void trustedProxyWithoutForwardingHeadersIsItselfTheClient() {
		viaTrustedProxy().get().uri("/api/customers").header("Authorization", bob()).exchange().expectStatus().isOk();
		assertThat(customers.received().get(0).header("X-Forwarded-For")).isEqualTo("0:0:0:0:0:0:0:1");
	}

	@Test
	void deniedBlockIsRefusedBeforeCredentialsAreLookedAt() {
		viaTrustedProxy().get()
			.uri("/api/customers")
			.header("X-Forwarded-For", "203.0.113.9")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("WWW-Authenticate");
	}

	@Test
	void allowListAdmitsOnlyItsBlocks() {
		WebTestClient proxy = viaTrustedProxy();
		proxy.get()
			.uri("/internal/reports")
			.header("X-Forwarded-For", "198.51.100.7")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:ip-not-allowed");
		// Inside the allow list, the next check speaks: plain HTTP is refused for Basic.
		proxy.get()
			.uri("/internal/reports")
			.header("X-Forwarded-For", "10.1.2.3")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:https-required");
		client().get()
			.uri("/internal/reports")
			.exchange()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:https-required");
	}

	@Test
	void onlyTheRightmostUntrustedHopCountsForAllowLists() {
		viaTrustedProxy().get()
			.uri("/internal/reports")
			.header("X-Forwarded-For", "198.51.100.7, 10.0.0.1")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:https-required");
		viaTrustedProxy().get()
			.uri("/internal/reports")
			.header("X-Forwarded-For", "10.0.0.1, 198.51.100.7")
			.exchange()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:ip-not-allowed");
	}

	@Test
	void addressThatIsNoLiteralStopsTrustAtTheProxy() {
		viaTrustedProxy().get()
			.uri("/api/customers")
			.header("Authorization", bob())
			.header("X-Forwarded-For", "203.0.113.9, evil.example")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(customers.received().get(0).header("X-Forwarded-For")).isEqualTo("0:0:0:0:0:0:0:1");
	}

}
