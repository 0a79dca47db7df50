package dev.gatehouse.launcher.token;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginFormTests {

	private static final URI PAGE = URI
		.create("http://localhost:28180/realms/gatehouse/protocol/openid-connect/auth?client_id=gatehouse-web");

	@Test
	void readsTheUnescapedActionOfKeycloaksLoginForm() throws IOException {
		String html = resource("keycloak-login.html");

		URI action = LoginForm.action(html, PAGE).orElseThrow();

		assertThat(action.toString()).isEqualTo("http://localhost:28180/realms/gatehouse/login-actions/authenticate"
				+ "?session_code=wmA21yASqU8aeNVWdzProJjM7NDr-oycDVkbkJgQPms"
				+ "&execution=5e8bcaa0-7e6a-49f8-895f-10301f3ea43e&client_id=gatehouse-web&tab_id=0HugbwpL-vU"
				+ "&client_data=eyJydSI6Imh0dHA6Ly8xMjcuMC4wLjE6ODc2NS9jYWxsYmFjayIsInJ0IjoiY29kZSIsInN0IjoiYWJjIn0");
	}

	@Test
	void prefersTheLoginFormOverOtherFormsAndResolvesRelativeActions() {
		String html = "<form id='kc-select-language' action='/lang'></form>"
				+ "<form method=\"post\" id=\"kc-form-login\" action='login-actions/authenticate?a=1&amp;b=2'>";

		URI action = LoginForm.action(html, URI.create("http://localhost:8180/realms/gatehouse/")).orElseThrow();

		assertThat(action)
			.isEqualTo(URI.create("http://localhost:8180/realms/gatehouse/login-actions/authenticate?a=1&b=2"));
	}

	@Test
	void findsNothingWithoutAForm() {
		assertThat(LoginForm.action("<html><body>We are sorry...</body></html>", PAGE)).isEmpty();
	}

	@Test
	void readsTheErrorShownAfterAFailedLogin() {
		String html = """
				<div id="input-error-container-username">
						<div class="pf-v5-c-form__helper-text" aria-live="polite">
							<div class="pf-v5-c-helper-text pf-v5-u-display-flex pf-v5-u-justify-content-space-between">
								<div class="pf-v5-c-helper-text__item pf-m-error" id="input-error-username">
									<span class="pf-v5-c-helper-text__item-text pf-m-error kc-feedback-text">
										Invalid username or password.
									</span>
								</div>
							</div>
						</div>
				</div>""";

		assertThat(LoginForm.error(html)).contains("Invalid username or password.");
		assertThat(LoginForm.error("<form id=\"kc-form-login\"></form>")).isEmpty();
	}

	@Test
	void unescapesNamedAndNumericEntities() {
		assertThat(LoginForm.unescape("a&amp;b&#61;c&#x2F;d&quot;&lt;&gt;&#39;")).isEqualTo("a&b=c/d\"<>'");
		assertThat(LoginForm.unescape("&amp;amp;")).isEqualTo("&amp;");
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = LoginFormTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
