package dev.gatehouse.e2e;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the portal's tests: chromium-driver
 * at {@value #DRIVER}, given by path, so Selenium Manager never runs and nothing is
 * downloaded. One browser per test class; its steps sign people in and out as a person
 * does, at the portal's page and Keycloak's form.
 */
final class PortalBrowser implements AutoCloseable {

	static final String DRIVER = "/usr/bin/chromedriver";

	static final String BROWSER = "/usr/bin/chromium";

	static final String SESSION_COOKIE = "SESSION";

	final ChromeDriver driver;

	final WebDriverWait wait;

	private PortalBrowser(ChromeDriver driver) {
		this.driver = driver;
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
	}

	static PortalBrowser start() {
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		return new PortalBrowser(new ChromeDriver(service, options));
	}

	/**
	 * Opens the portal, follows its sign-in link and signs in at Keycloak with the demo
	 * password; returns once the page shows the person signed in and has loaded.
	 */
	void signIn(String portal, String username) {
		this.driver.get(portal);
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).click();
		signInAtKeycloak(username);
		this.wait.until(ExpectedConditions.textToBe(By.id("user"), username));
		awaitReady();
	}

	void signInAtKeycloak(String username) {
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
		this.driver.findElement(By.id("password")).sendKeys(username + "-pass");
		this.driver.findElement(By.id("kc-login")).click();
	}

	/**
	 * Signs out with the page's button, which ends the Keycloak session too; returns back
	 * at the portal, signed out.
	 */
	void signOut() {
		// The page complete first: the APIs' tables add a scroll bar, which moves the
		// button.
		awaitReady();
		this.driver.findElement(By.cssSelector("#sign-out button")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
	}

	/** The page has asked the gateway everything it asks at load. */
	void awaitReady() {
		this.wait
			.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
	}

	String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	/**
	 * A call made by a script of the page's own origin with the session, as the page
	 * makes it (writes with the session's CSRF token): {@code status} and {@code body}.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> call(String method, String path, String jsonBody) {
		return (Map<String, Object>) this.driver.executeAsyncScript("""
				const [method, path, body, done] = arguments;
				(async () => {
				  const headers = { Accept: 'application/json' };
				  if (method !== 'GET') {
				    const csrf = (await (await fetch('/portal/session')).json()).csrf;
				    headers[csrf.header] = csrf.token;
				  }
				  const request = { method: method, headers: headers };
				  if (body !== null) {
				    headers['Content-Type'] = 'application/json';
				    request.body = body;
				  }
				  const response = await fetch(path, request);
				  done({ status: response.status, body: await response.text() });
				})().catch((failure) => done({ status: -1, body: String(failure) }));
				""", method, path, jsonBody);
	}

	/**
	 * Everything a script of the page could read besides the page itself: the cookies not
	 * HttpOnly, local and session storage.
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> readableByScripts() {
		return (Map<String, Object>) this.driver.executeScript("return { cookies: document.cookie,"
				+ " localStorage: JSON.stringify(localStorage), sessionStorage: JSON.stringify(sessionStorage) }");
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
