package dev.gatehouse.gateway;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import dev.gatehouse.gateway.support.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal behind the edge or an ingress: the sign-in's redirect URI (which Keycloak
 * compares with the client's registered ones, and which the callback must match) names
 * the origin the browser used, as the trusted proxy reports it in {@code X-Forwarded-*},
 * not the gateway's own address; a caller that is no trusted proxy cannot choose it.
 * Through the real edge and Keycloak: ComposePortalEndToEndIntegrationTests (e2e-tests).
 */
class PortalBehindProxyIntegrationTests extends GatewayTestSupport {

	@Test
	void behindATrustedProxyTheSignInRedirectUriNamesTheOriginTheBrowserUsed() {
		assertThat(redirectUri(viaTrustedProxy())).isEqualTo("https://localhost:9443/login/oauth2/code/gatehouse");
	}

	@Test
	void aCallerThatIsNoTrustedProxyCannotChooseTheRedirectUri() {
		assertThat(redirectUri(client())).isEqualTo("http://127.0.0.1:" + this.port + "/login/oauth2/code/gatehouse");
	}

	@Test
	void theStandardForwardedHeaderOfATrustedProxyServesAsWell() {
		EntityExchangeResult<Void> result = viaTrustedProxy().get()
			.uri("/oauth2/authorization/gatehouse")
			.header("Forwarded", "for=198.51.100.7;proto=https;host=portal.example")
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.isEmpty();
		assertThat(redirectUri(result.getResponseHeaders().getLocation()))
			.isEqualTo("https://portal.example/login/oauth2/code/gatehouse");
	}

	private static String redirectUri(WebTestClient client) {
		EntityExchangeResult<Void> result = client.get()
			.uri("/oauth2/authorization/gatehouse")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "localhost")
			.header("X-Forwarded-Port", "9443")
			.header("X-Forwarded-For", "198.51.100.7")
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.isEmpty();
		return redirectUri(result.getResponseHeaders().getLocation());
	}

	private static String redirectUri(URI location) {
		assertThat(location.toString()).startsWith(issuer.issuerUri() + "/protocol/openid-connect/auth?");
		return UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("redirect_uri");
	}

}
