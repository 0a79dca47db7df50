package dev.gatehouse.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TlsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's chain on the real gateway: its page, the sign-in redirect to the issuer
 * with PKCE, the session cookie's flags, and what a session does not open (the portal's
 * API without sign-in, writes without the CSRF token, {@code /api/**} at all). The
 * sign-in itself, with Keycloak and a browser, is PortalEndToEndIntegrationTests
 * (e2e-tests), the page's key management PortalPartnerKeysEndToEndIntegrationTests.
 */
class PortalIntegrationTests extends GatewayTestSupport {

	@Test
	void portalPageIsServedWithAContentSecurityPolicyThatAllowsOnlyItsOwnScripts() {
		client().get()
			.uri("/portal/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.value("Content-Security-Policy",
					(csp) -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"))
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("Gatehouse developer portal").contains("portal.js"));
		client().get().uri("/portal/portal.js").exchange().expectStatus().isOk();
	}

	@Test
	void signInRedirectsToTheIssuerWithPkceAndSetsAnHttpOnlyLaxSessionCookie() {
		EntityExchangeResult<Void> result = client().get()
			.uri("/oauth2/authorization/gatehouse")
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.isEmpty();

		URI location = result.getResponseHeaders().getLocation();
		assertThat(location.toString()).startsWith(issuer.issuerUri() + "/protocol/openid-connect/auth?");
		var query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
		assertThat(query.getFirst("client_id")).isEqualTo("gatehouse-portal");
		assertThat(query.getFirst("response_type")).isEqualTo("code");
		assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
		assertThat(query.getFirst("code_challenge")).isNotBlank();
		assertThat(query.getFirst("state")).isNotBlank();
		assertThat(UriComponentsBuilder.fromUriString(query.getFirst("redirect_uri")).build().toUriString())
			.isEqualTo("http://127.0.0.1:" + this.port + "/login/oauth2/code/gatehouse");
		ResponseCookie session = result.getResponseCookies().getFirst("SESSION");
		assertThat(session).isNotNull();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");
		assertThat(session.isSecure()).as("plain HTTP").isFalse();
	}

	@Test
	void onTheTlsListenerTheRedirectUriIsHttpsAndTheSessionCookieSecure() throws Exception {
		HttpClient https = HttpClient.newBuilder().sslContext(TlsClient.sslContext(tlsDirectory, null)).build();
		HttpResponse<Void> response = https.send(HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.tls.port() + "/oauth2/authorization/gatehouse"))
			.build(), HttpResponse.BodyHandlers.discarding());

		assertThat(response.statusCode()).isEqualTo(302);
		String location = response.headers().firstValue(HttpHeaders.LOCATION).orElseThrow();
		assertThat(UriComponentsBuilder.fromUriString(location).build().getQueryParams().getFirst("redirect_uri"))
			.isEqualTo("https://localhost:" + this.tls.port() + "/login/oauth2/code/gatehouse");
		assertThat(response.headers().allValues(HttpHeaders.SET_COOKIE)).singleElement()
			.satisfies((cookie) -> assertThat(cookie).startsWith("SESSION=")
				.contains("; Secure")
				.containsIgnoringCase("; HttpOnly")
				.contains("; SameSite=Lax"));
	}

	@Test
	void thePortalsApiWithoutSignInIsA401ProblemAndReachesNoBackend() {
		assertSignInRequired(client().get().uri("/portal/api/customers/C-1001")).jsonPath("$.traceId").isNotEmpty();
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void aSessionCookieOpensNeitherWritesWithoutTheCsrfTokenNorTheApi() {
		String session = session();

		assertRefusedForWantOfTheCsrfToken(client().post().uri("/portal/logout").cookie("SESSION", session));
		client().get()
			.uri("/api/customers/C-1001")
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(customers.received()).isEmpty();
	}

	@Test
	void thePagesWayToThePartnersKeysNeedsTheSessionNotABearerToken() {
		assertSignInRequired(client().get()
			.uri("/portal/keys")
			.header(HttpHeaders.AUTHORIZATION,
					bearer(issuer.token(Persona.EVE)
						.claim("realm_access", Map.of("roles", List.of("partner-admin")))
						.claim("partner", "acme")
						.build())));
	}

	@Test
	void rotatingOrRevokingAKeyFromThePageNeedsTheCsrfToken() {
		String session = session();

		assertRefusedForWantOfTheCsrfToken(client().post()
			.uri("/portal/keys/rotate")
			.cookie("SESSION", session)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"retireOldAt\": \"2030-01-01T00:00:00Z\"}"));
		assertRefusedForWantOfTheCsrfToken(client().delete().uri("/portal/keys/acme-demo").cookie("SESSION", session));
	}

	@Test
	void signOutFromThePortalsOwnPageGetsPastTheOriginCheck() {
		assertRefusedForWantOfTheCsrfToken(
				client().post().uri("/portal/logout").header(HttpHeaders.ORIGIN, "http://127.0.0.1:" + this.port));
	}

	@Test
	void aPageOfAnotherOriginIsRefusedBeforeTheSessionIsRead() {
		client().get()
			.uri("/portal/session")
			.header(HttpHeaders.ORIGIN, "http://127.0.0.1:1")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.FORBIDDEN)
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	/** The session cookie the start of a sign-in sets: a session, not yet signed in. */
	private String session() {
		return client().get()
			.uri("/oauth2/authorization/gatehouse")
			.exchange()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("SESSION")
			.getValue();
	}

	/** A 401 problem telling the caller to sign in to the portal, for further checks. */
	private static WebTestClient.BodyContentSpec assertSignInRequired(WebTestClient.RequestHeadersSpec<?> request) {
		return request.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:portal-sign-in-required");
	}

	private static void assertRefusedForWantOfTheCsrfToken(WebTestClient.RequestHeadersSpec<?> request) {
		request.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:gatehouse:problem:csrf-token-invalid");
	}

}
