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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted browser for the portal behind the compose edge: the sign-in through the edge
 * and Keycloak's login form, with the cookies of each site carried by hand (Keycloak
 * marks its own {@code Secure} on plain http://localhost, which Java's cookie handler
 * would not send back). Each step asserts what a browser relies on: the redirect URI
 * names the edge's origin, the session cookie is {@code Secure} and {@code HttpOnly}.
 */
final class ScriptedPortalLogin {

	private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");

	private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

	private final Target target;

	private final HttpClient http;

	private final Map<String, String> portalCookies = new LinkedHashMap<>();

	private final Map<String, String> keycloakCookies = new LinkedHashMap<>();

	ScriptedPortalLogin(Target target) {
		this.target = target;
		this.http = HttpClient.newBuilder()
			.sslContext(target.trust())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** The origin the browser uses: the edge's, e.g. {@code https://localhost:8443}. */
	String origin() {
		URI uri = URI.create(this.target.gateway("/"));
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	/**
	 * Signs in at Keycloak as a demo user (password {@code <user>-pass}), through the
	 * edge.
	 */
	ScriptedPortalLogin signIn(String user) {
		HttpResponse<String> signIn = portal(request("/oauth2/authorization/gatehouse"));
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
		URI authorize = URI.create(location(signIn));
		assertThat(authorize.toString()).startsWith(this.target.issuerUri() + "/protocol/openid-connect/auth?");
		assertThat(query(authorize, "redirect_uri")).as("redirect URI")
			.isEqualTo(origin() + "/login/oauth2/code/gatehouse");
		assertThat(signIn.headers().allValues("set-cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("SESSION=")
				.contains("; Secure")
				.containsIgnoringCase("; HttpOnly")
				.contains("; SameSite=Lax"));

		HttpResponse<String> loginPage = keycloak(HttpRequest.newBuilder(authorize));
		assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
		String form = Stream.of(new String[][] { { "username", user }, { "password", user + "-pass" } })
			.map((field) -> field[0] + "=" + URLEncoder.encode(field[1], StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpResponse<String> loggedIn = keycloak(HttpRequest.newBuilder(URI.create(formAction(loginPage)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
		String callback = location(loggedIn);
		assertThat(callback).startsWith(origin() + "/login/oauth2/code/gatehouse?");

		HttpResponse<String> signedIn = portal(HttpRequest.newBuilder(URI.create(callback)));
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
		assertThat(location(signedIn)).isIn("/portal/", origin() + "/portal/");
		return this;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.target.gateway(path)));
	}

	HttpResponse<String> get(String path) {
		return portal(request(path));
	}

	/** A request to the portal through the edge, with the portal's cookies. */
	HttpResponse<String> portal(HttpRequest.Builder request) {
		return send(request, this.portalCookies);
	}

	/** A request to Keycloak, with Keycloak's cookies. */
	HttpResponse<String> keycloak(HttpRequest.Builder request) {
		return send(request, this.keycloakCookies);
	}

	static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	/** The one value of a query parameter, decoded. */
	static String query(URI uri, String name) {
		List<String> values = Stream.of(uri.getRawQuery().split("&"))
			.filter((pair) -> pair.startsWith(name + "="))
			.map((pair) -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
			.toList();
		assertThat(values).as("%s in %s", name, uri).hasSize(1);
		return values.get(0);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) {
		if (!cookies.isEmpty()) {
			request.header("Cookie",
					cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = Http.send(this.http, request);
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

}
