package dev.gatehouse.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer portal behind the edge, as a browser meets it in the compose stack: the
 * sign-in sends the browser to Keycloak with the edge's origin as redirect URI (not the
 * gateway's internal address), the callback through the edge (and its WAF) signs alice
 * in with a {@code Secure}, {@code HttpOnly} session cookie, {@code /portal/api/**} then
 * shows her own customer record and not frank's, and signing out sends Keycloak the
 * edge's {@code /portal/} as the post-logout redirect, which Keycloak accepts and the
 * session is gone. A scripted login: cookies carried by hand, as Keycloak marks its own
 * {@code Secure} on plain http://localhost, which Java's cookie handler would not send.
 * With the launcher the same is PortalEndToEndIntegrationTests, in a real browser.
 */
@ComposeOnly
@ExtendWith(RunningPlatform.class)
class ComposePortalEndToEndIntegrationTests {

	static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");

	static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

	static Target target;

	static HttpClient http;

	@BeforeAll
	static void target(Target running) {
		target = running;
		http = HttpClient.newBuilder()
			.sslContext(running.trust())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void aliceSignsInThroughTheEdgeReadsHerRecordAndSignsOutBackToTheEdge() throws Exception {
		String origin = origin(target.gateway("/"));
		Map<String, String> portalCookies = new LinkedHashMap<>();
		Map<String, String> keycloakCookies = new LinkedHashMap<>();

		HttpResponse<String> signIn = get(target.gateway("/oauth2/authorization/gatehouse"), portalCookies);
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
		URI authorize = URI.create(location(signIn));
		assertThat(authorize.toString()).startsWith(target.issuerUri() + "/protocol/openid-connect/auth?");
		assertThat(query(authorize, "redirect_uri")).isEqualTo(origin + "/login/oauth2/code/gatehouse");
		assertThat(signIn.headers().allValues("set-cookie")).anySatisfy((cookie) -> assertThat(cookie)
			.startsWith("SESSION=")
			.contains("; Secure")
			.containsIgnoringCase("; HttpOnly")
			.contains("; SameSite=Lax"));

		HttpResponse<String> loginPage = get(authorize.toString(), keycloakCookies);
		assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
		HttpResponse<String> loggedIn = post(formAction(loginPage), keycloakCookies,
				form(Map.of("username", "alice", "password", "alice-pass", "credentialId", "")));
		assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
		String callback = location(loggedIn);
		assertThat(callback).startsWith(origin + "/login/oauth2/code/gatehouse?");

		HttpResponse<String> signedIn = get(callback, portalCookies);
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
		assertThat(location(signedIn)).isIn("/portal/", origin + "/portal/");

		HttpResponse<String> session = get(target.gateway("/portal/session"), portalCookies);
		assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
		JsonNode sessionBody = Http.json(session);
		assertThat(sessionBody.path("user").asString()).isEqualTo("alice");
		assertThat(session.body()).doesNotContain("eyJ");

		HttpResponse<String> own = get(target.gateway("/portal/api/customers/C-1001"), portalCookies);
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(Http.json(own).path("id").asString()).isEqualTo("C-1001");
		assertThat(Http.json(own).path("owner").asString()).isEqualTo("alice");
		HttpResponse<String> franks = get(target.gateway("/portal/api/customers/C-1002"), portalCookies);
		assertThat(franks.statusCode()).isEqualTo(404);
		assertThat(franks.body()).doesNotContain("frank");

		HttpResponse<String> signOut = send(HttpRequest.newBuilder(URI.create(target.gateway("/portal/logout")))
			.header("Origin", origin)
			.header(sessionBody.path("csrf").path("header").asString(),
					sessionBody.path("csrf").path("token").asString())
			.POST(HttpRequest.BodyPublishers.noBody()), portalCookies);
		assertThat(signOut.statusCode()).as(signOut.body()).isEqualTo(200);
		URI endSession = URI.create(Http.json(signOut).path("location").asString());
		assertThat(endSession.toString()).startsWith(target.issuerUri() + "/protocol/openid-connect/logout?");
		assertThat(query(endSession, "post_logout_redirect_uri")).isEqualTo(origin + "/portal/");
		HttpResponse<String> endedAtKeycloak = get(endSession.toString(), keycloakCookies);
		assertThat(endedAtKeycloak.statusCode()).as(endedAtKeycloak.body()).isEqualTo(302);
		assertThat(location(endedAtKeycloak)).isEqualTo(origin + "/portal/");

		HttpResponse<String> afterSignOut = get(target.gateway("/portal/api/customers/C-1001"), portalCookies);
		assertThat(afterSignOut.statusCode()).isEqualTo(401);
		assertThat(Http.json(afterSignOut).path("type").asString())
			.isEqualTo("urn:gatehouse:problem:portal-sign-in-required");
	}

	private static HttpResponse<String> get(String url, Map<String, String> cookies) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), cookies);
	}

	private static HttpResponse<String> post(String url, Map<String, String> cookies, String form) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)), cookies);
	}

	/** Sends with the cookies of its site and keeps those the answer sets. */
	private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) {
		if (!cookies.isEmpty()) {
			request.header("Cookie",
					cookies.entrySet().stream().map((c) -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = Http.send(http, request);
		for (String setCookie : response.headers().allValues("set-cookie")) {
			String pair = setCookie.split(";", 2)[0];
			int eq = pair.indexOf('=');
			String name = pair.substring(0, eq).trim();
			String value = pair.substring(eq + 1).trim();
			if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
		return response;
	}

	private static String formAction(HttpResponse<String> page) {
		Matcher form = LOGIN_FORM.matcher(page.body());
		assertThat(form.find()).as("Keycloak's login form").isTrue();
		Matcher action = ACTION.matcher(form.group());
		assertThat(action.find()).as("the login form's action").isTrue();
		return page.uri().resolve(action.group(1).replace("&amp;", "&")).toString();
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String query(URI uri, String name) {
		List<String> values = Stream.of(uri.getRawQuery().split("&"))
			.filter((pair) -> pair.startsWith(name + "="))
			.map((pair) -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
			.toList();
		assertThat(values).as("%s in %s", name, uri).hasSize(1);
		return values.get(0);
	}

	private static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

}
