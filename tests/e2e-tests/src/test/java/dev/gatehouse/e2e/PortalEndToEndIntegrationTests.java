package dev.gatehouse.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer portal as a person uses it, in Debian's headless Chromium driven by
 * Selenium, against the real Keycloak and services: sign in at Keycloak, read the APIs,
 * try calls with one's own identity, see a refusal's problem, sign out
 * ({@link PortalBrowser}). The steps build on each other (one signed-in browser), in
 * order.
 */
@ExtendWith(RunningPlatform.class)
@LauncherOnly("the realm registers the portal's redirect URIs for the launcher's gateway ports; compose serves it behind the edge")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalEndToEndIntegrationTests {

	static final String SESSION_COOKIE = PortalBrowser.SESSION_COOKIE;

	static PortalBrowser page;

	static ChromeDriver browser;

	static WebDriverWait wait;

	static String portal;

	static String origin;

	static String keycloak;

	@BeforeAll
	static void browser(Platform platform) {
		portal = platform.config().portalUrl();
		origin = portal.substring(0, portal.indexOf("/portal/"));
		keycloak = platform.keycloakUrl();
		page = PortalBrowser.start();
		browser = page.driver;
		wait = page.wait;
	}

	@AfterAll
	static void closeBrowser() {
		if (page != null) {
			page.close();
		}
	}

	@Test
	@Order(1)
	void aliceSignsInAtKeycloakAndTheGatewayKeepsHerTokens() {
		browser.get(portal);
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).click();

		signInAtKeycloak("alice");

		wait.until(ExpectedConditions.textToBe(By.id("user"), "alice"));
		awaitReady();
		assertThat(browser.getCurrentUrl()).isEqualTo(portal);
		Cookie session = browser.manage().getCookieNamed(SESSION_COOKIE);
		assertThat(session).as("the portal's session cookie").isNotNull();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");
		// Plain HTTP here; on the TLS listener the cookie is Secure.
		assertThat(session.isSecure()).isFalse();
	}

	@Test
	@Order(2)
	void thePageListsEveryApiFromTheDescriptions() {
		assertThat(browser.findElements(By.cssSelector("#api-customer-service tr[data-operation]"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#api-policy-service tr[data-operation]"))).isNotEmpty();
		assertThat(row("GET /partner/v1/policies").getText()).contains("api-key");
		assertThat(row("GET /api/customers/{id}").getText()).contains("customer:read");
	}

	@Test
	@Order(3)
	void aliceSeesHerCustomerRecordAndNotFranks() {
		tryIt("GET /api/customers/{id}", "C-1001", null);
		assertThat(text("result-status")).startsWith("200");
		assertThat(text("result-body")).contains("\"id\": \"C-1001\"").contains("\"owner\": \"alice\"");

		tryIt("GET /api/customers/{id}", "C-1002", null);
		assertThat(text("result-status")).startsWith("404");
		assertThat(text("result-body")).doesNotContain("frank");
		assertThat(browser.findElement(By.id("problem")).isDisplayed()).isTrue();
	}

	@Test
	@Order(4)
	void aCallAliceMayNotMakeShowsTheGatewaysProblemReadably() throws IOException {
		tryIt("POST /api/customers", null, "{\"name\": \"Mallory\", \"email\": \"mallory@example.com\"}");

		assertThat(text("result-status")).startsWith("403");
		assertThat(browser.findElement(By.id("problem")).isDisplayed()).isTrue();
		assertThat(text("problem-type")).isEqualTo("urn:gatehouse:problem:insufficient-scope");
		assertThat(text("problem-detail")).contains("customer:write");
		assertThat(text("problem-trace")).matches("[0-9a-f]{32}");

		// The README's screenshot: under target/ on every run, over the committed one
		// only when
		// asked (-Dgatehouse.e2e.portal-screenshot=docs/images/portal.png), so that a
		// test
		// run leaves the tree as it was.
		Path image = Path.of("target/portal.png");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), image, StandardCopyOption.REPLACE_EXISTING);
		String keep = System.getProperty("gatehouse.e2e.portal-screenshot");
		if (keep != null) {
			Files.copy(image, Repository.ROOT.resolve(keep), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Test
	@Order(5)
	void noTokenIsReadableFromThePage() {
		JavascriptExecutor page = browser;
		assertThat((String) page.executeScript("return document.cookie")).doesNotContain(SESSION_COOKIE);
		assertThat((Long) page.executeScript("return window.localStorage.length")).isZero();
		assertThat((Long) page.executeScript("return window.sessionStorage.length")).isZero();
		String session = (String) page
			.executeAsyncScript("const done = arguments[0]; fetch('/portal/session').then((r) => r.text()).then(done)");
		assertThat(session).contains("\"user\":\"alice\"").doesNotContain("eyJ");
		assertThat(browser.getPageSource()).doesNotContain("eyJ");
	}

	@Test
	@Order(6)
	void theSessionSurvivesARestartOfTheGateway(Platform platform) {
		platform.restart("gateway");

		browser.get(portal);
		wait.until(ExpectedConditions.textToBe(By.id("user"), "alice"));
		awaitReady();
		tryIt("GET /api/customers/{id}", "C-1001", null);
		assertThat(text("result-status")).startsWith("200");
	}

	@Test
	@Order(7)
	void aPageOnAnotherOriginCannotCallThePortalsApiWithTheSession() throws IOException {
		// Same site (127.0.0.1), other origin: the browser sends the Lax cookie, so the
		// gateway itself must refuse.
		int port = Ports.free(1).get(0);
		HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		byte[] page = ("<!DOCTYPE html><title>other</title><script>" + "fetch('" + origin
				+ "/portal/api/customers/C-1001', {credentials: 'include'})"
				+ ".then((r) => r.text()).then((t) => { document.title = 'read: ' + t; },"
				+ " () => { document.title = 'blocked'; });</script>")
			.getBytes(StandardCharsets.UTF_8);
		other.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		other.start();
		try {
			browser.get("http://127.0.0.1:" + port + "/");
			wait.until((driver) -> !"other".equals(driver.getTitle()));
			assertThat(browser.getTitle()).isEqualTo("blocked");
		}
		finally {
			other.stop(0);
		}

		String cookie = SESSION_COOKIE + "=" + browser.manage().getCookieNamed(SESSION_COOKIE).getValue();
		HttpResponse<String> fromOtherOrigin = Http
			.send(HttpRequest.newBuilder(URI.create(origin + "/portal/api/customers/C-1001"))
				.header("Cookie", cookie)
				.header("Origin", "http://127.0.0.1:" + port));
		assertThat(fromOtherOrigin.statusCode()).isEqualTo(403);
		assertThat(fromOtherOrigin.body()).doesNotContain("C-1001\"");

		HttpResponse<String> writeWithoutCsrfToken = Http
			.send(HttpRequest.newBuilder(URI.create(origin + "/portal/api/policies"))
				.header("Cookie", cookie)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(writeWithoutCsrfToken.statusCode()).isEqualTo(403);
		assertThat(Http.json(writeWithoutCsrfToken).path("type").asString())
			.isEqualTo("urn:gatehouse:problem:csrf-token-invalid");

		HttpResponse<String> apiWithTheSession = Http
			.send(HttpRequest.newBuilder(URI.create(origin + "/api/customers/C-1001")).header("Cookie", cookie));
		assertThat(apiWithTheSession.statusCode()).as("/api/** ignores the session cookie").isEqualTo(401);
	}

	@Test
	@Order(8)
	void signingOutEndsTheKeycloakSessionToo() {
		browser.get(portal);
		// The page complete first: the APIs' tables add a scroll bar, which moves the
		// button.
		awaitReady();
		browser.findElement(By.cssSelector("#sign-out button")).click();

		new WebDriverWait(browser, Duration.ofSeconds(30))
			.withMessage(() -> "signed out, at " + browser.getCurrentUrl() + ": " + browser.getPageSource())
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
		assertThat(browser.getCurrentUrl()).isEqualTo(portal);
		assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();

		browser.findElement(By.id("sign-in")).click();
		// Keycloak asks for the password again: its own session ended with the portal's.
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
		assertThat(browser.getCurrentUrl()).startsWith(keycloak + "/realms/gatehouse/");
	}

	private static void signInAtKeycloak(String username) {
		page.signInAtKeycloak(username);
	}

	private static void awaitReady() {
		page.awaitReady();
	}

	private static WebElement row(String operation) {
		return browser.findElement(By.cssSelector("tr[data-operation='" + operation + "']"));
	}

	private static void tryIt(String operation, String pathParameter, String body) {
		row(operation).findElement(By.cssSelector("button.try")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("try")));
		List<WebElement> parameters = browser.findElements(By.cssSelector("#try-parameters input[data-in='path']"));
		if (pathParameter != null) {
			parameters.get(0).sendKeys(pathParameter);
		}
		if (body != null) {
			browser.findElement(By.id("try-body")).sendKeys(body);
		}
		browser.findElement(By.id("try-send")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

}
