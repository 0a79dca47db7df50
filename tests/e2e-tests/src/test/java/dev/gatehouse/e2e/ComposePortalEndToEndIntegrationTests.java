package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer portal behind the edge, as a browser meets it in the compose stack: the
 * sign-in sends the browser to Keycloak with the edge's origin as redirect URI (not the
 * gateway's internal address), the callback through the edge (and its WAF) signs alice in
 * with a {@code Secure}, {@code HttpOnly} session cookie ({@link ScriptedPortalLogin}),
 * {@code /portal/api/**} then shows her own customer record and not frank's, and signing
 * out sends Keycloak the edge's {@code /portal/} as the post-logout address, which
 * Keycloak accepts, and the session is gone. With the launcher the same is
 * PortalEndToEndIntegrationTests, in a real browser.
 */
@ComposeOnly
@ExtendWith(RunningPlatform.class)
class ComposePortalEndToEndIntegrationTests {

	static Target target;

	@BeforeAll
	static void target(Target running) {
		target = running;
	}

	@Test
	void aliceSignsInThroughTheEdgeReadsHerRecordAndSignsOutBackToTheEdge() {
		ScriptedPortalLogin browser = new ScriptedPortalLogin(target).signIn("alice");

		HttpResponse<String> session = browser.get("/portal/session");
		assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
		JsonNode sessionBody = Http.json(session);
		assertThat(sessionBody.path("user").asString()).isEqualTo("alice");
		assertThat(session.body()).doesNotContain("eyJ");

		HttpResponse<String> own = browser.get("/portal/api/customers/C-1001");
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(Http.json(own).path("id").asString()).isEqualTo("C-1001");
		assertThat(Http.json(own).path("owner").asString()).isEqualTo("alice");
		HttpResponse<String> franks = browser.get("/portal/api/customers/C-1002");
		assertThat(franks.statusCode()).isEqualTo(404);
		assertThat(franks.body()).doesNotContain("frank");

		HttpResponse<String> signOut = browser.portal(browser.request("/portal/logout")
			.header("Origin", browser.origin())
			.header(sessionBody.path("csrf").path("header").asString(),
					sessionBody.path("csrf").path("token").asString())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(signOut.statusCode()).as(signOut.body()).isEqualTo(200);
		URI endSession = URI.create(Http.json(signOut).path("location").asString());
		assertThat(endSession.toString()).startsWith(target.issuerUri() + "/protocol/openid-connect/logout?");
		assertThat(ScriptedPortalLogin.query(endSession, "post_logout_redirect_uri"))
			.isEqualTo(browser.origin() + "/portal/");
		HttpResponse<String> endedAtKeycloak = browser.keycloak(HttpRequest.newBuilder(endSession));
		assertThat(endedAtKeycloak.statusCode()).as(endedAtKeycloak.body()).isEqualTo(302);
		assertThat(ScriptedPortalLogin.location(endedAtKeycloak)).isEqualTo(browser.origin() + "/portal/");

		HttpResponse<String> afterSignOut = browser.get("/portal/api/customers/C-1001");
		assertThat(afterSignOut.statusCode()).isEqualTo(401);
		assertThat(Http.json(afterSignOut).path("type").asString())
			.isEqualTo("urn:gatehouse:problem:portal-sign-in-required");
	}

}
