package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.launcher.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partner key self-service in the portal as people use it, in a real browser against the
 * real Keycloak, gateway and services: bob (no role partner-admin) sees no key section
 * and the gateway refuses him the keys; acme's administrator rotates a key on the page,
 * sees the new key once and nowhere a script could read it, the new key works on the
 * partner route, the old one until the time chosen and then gets 401, and a key revoked
 * on the page is refused at once. The steps build on each other, in order. acme-demo,
 * which other classes call with, is rotated only with a retirement weeks ahead.
 */
@ExtendWith(RunningPlatform.class)
@LauncherOnly("the realm registers the portal's redirect URIs for the launcher's gateway ports; compose serves it behind the edge")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalPartnerKeysEndToEndIntegrationTests {

	static final String ACME_DEMO_KEY = "ghk_test_acme_0123456789abcdef";

	static final String SECONDS = "1";

	static final String DAYS = "86400";

	static final JsonMapper json = JsonMapper.builder().build();

	static PortalBrowser browser;

	static String portal;

	static Target target;

	/** The key rotated on the page with a short retirement, and the one replacing it. */
	static NewKey old;

	static NewKey replacement;

	static Instant oldRetiresAt;

	@BeforeAll
	static void start(Platform platform, Target running) {
		portal = platform.config().portalUrl();
		target = running;
		browser = PortalBrowser.start();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	@Order(1)
	void bobSeesNoKeySectionAndTheGatewayRefusesHimTheKeys() {
		browser.signIn(portal, "bob");

		assertThat(browser.driver.findElement(By.id("keys")).isDisplayed()).isFalse();
		assertThat(browser.driver.findElements(By.cssSelector("#keys-rows tr"))).isEmpty();
		Map<String, Object> listed = browser.call("GET", "/portal/keys", null);
		assertThat(listed.get("status")).isEqualTo(403L);
		assertThat(body(listed).path("type").asString()).isEqualTo("urn:gatehouse:problem:partner-admin-required");
		Map<String, Object> rotated = browser.call("POST", "/portal/keys/rotate",
				"{\"keyId\": \"acme-demo\", \"retireOldAt\": \"" + Instant.now().plusSeconds(60) + "\"}");
		assertThat(rotated.get("status")).as(rotated.get("body").toString()).isEqualTo(403L);
		assertThat(body(rotated).path("type").asString()).isEqualTo("urn:gatehouse:problem:partner-admin-required");
		assertThat(body(rotated).has("key")).isFalse();

		browser.signOut();
	}

	@Test
	@Order(2)
	void acmesAdministratorRotatesAKeyOnThePageAndSeesTheNewKeyOnce() {
		browser.signIn(portal, "acme-admin");
		browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("keys")));
		assertThat(browser.text("keys-partner")).isEqualTo("(acme)");
		assertThat(row("acme-demo").isDisplayed()).isTrue();
		assertThat(browser.driver.findElements(By.cssSelector("#keys-rows tr[data-key='globex-demo']")))
			.as("another partner's key")
			.isEmpty();

		old = rotate("acme-demo", "20", DAYS);
		Instant chosen = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		replacement = rotate(old.id(), "20", SECONDS);
		oldRetiresAt = Instant.parse(row(old.id()).getDomAttribute("data-retires-at"));
		assertThat(oldRetiresAt).isAfterOrEqualTo(chosen.plusSeconds(20))
			.isBeforeOrEqualTo(Instant.now().plusSeconds(20));
		assertThat(row(old.id()).getDomAttribute("data-state")).isEqualTo("retiring");
		assertThat(browser.text("new-key")).contains("will not be shown again");
		assertThat(browser.driver.findElement(By.id("copy-key")).isDisplayed()).isTrue();

		HttpResponse<String> withNewKey = partnerCall(replacement.key());
		assertThat(withNewKey.statusCode()).isEqualTo(200);
		JsonNode policies = Http.json(withNewKey).path("content");
		assertThat(policies).isNotEmpty();
		// acme sold P-3001, P-3003 and P-3005 in the demo data; globex sold P-3004.
		assertThat(policies.valueStream().map((policy) -> policy.path("id").asString())).contains("P-3001")
			.doesNotContain("P-3004");
		assertThat(Instant.now()).as("still before the old key's retirement").isBefore(oldRetiresAt);
		assertThat(partnerCall(old.key()).statusCode()).isEqualTo(200);

		assertThat(browser.driver.getPageSource()).containsOnlyOnce(replacement.key()).doesNotContain(old.key());
		Map<String, Object> readable = browser.readableByScripts();
		assertThat(readable.get("cookies").toString()).doesNotContain(PortalBrowser.SESSION_COOKIE)
			.doesNotContain(replacement.key())
			.doesNotContain("eyJ");
		assertThat(readable.get("localStorage")).isEqualTo("{}");
		assertThat(readable.get("sessionStorage")).isEqualTo("{}");

		browser.driver.navigate().refresh();
		browser.awaitReady();
		browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("keys")));
		assertThat(browser.driver.findElement(By.id("new-key")).isDisplayed()).isFalse();
		assertThat(browser.driver.getPageSource()).doesNotContain(replacement.key()).doesNotContain(old.key());
		assertThat(row(replacement.id()).getDomAttribute("data-state")).isEqualTo("active");
	}

	@Test
	@Order(3)
	void theOldKeyStopsAtTheChosenTimeWithTheRetiredKeyProblem() {
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> partnerCall(old.key()).statusCode() == 401);
		assertThat(Instant.now()).isAfterOrEqualTo(oldRetiresAt);
		HttpResponse<String> retired = partnerCall(old.key());
		assertThat(retired.statusCode()).isEqualTo(401);
		assertThat(Http.json(retired).path("type").asString()).isEqualTo("urn:gatehouse:problem:retired-api-key");
		assertThat(partnerCall(replacement.key()).statusCode()).isEqualTo(200);
		assertThat(partnerCall(ACME_DEMO_KEY).statusCode()).as("acme-demo retires weeks ahead").isEqualTo(200);
	}

	@Test
	@Order(4)
	void aKeyRevokedOnThePageIsRefusedAtOnce() {
		browser.driver.navigate().refresh();
		browser.awaitReady();
		row(replacement.id()).findElement(By.cssSelector("button.revoke")).click();
		browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
		browser.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#keys-rows tr[data-key='" + replacement.id() + "'][data-state='revoked']")));

		HttpResponse<String> refused = partnerCall(replacement.key());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(Http.json(refused).path("type").asString()).isEqualTo("urn:gatehouse:problem:revoked-api-key");
		assertThat(row(replacement.id()).findElements(By.tagName("button"))).isEmpty();
	}

	/**
	 * Chooses the old key's remaining time, rotates the key with its row's button and
	 * reads the new key the page shows.
	 */
	private static NewKey rotate(String keyId, String amount, String unit) {
		String before = browser.text("new-key-id");
		WebElement retireIn = browser.driver.findElement(By.id("retire-in"));
		retireIn.clear();
		retireIn.sendKeys(amount);
		new Select(browser.driver.findElement(By.id("retire-unit"))).selectByValue(unit);
		row(keyId).findElement(By.cssSelector("button.rotate")).click();
		new WebDriverWait(browser.driver, Duration.ofSeconds(30))
			.withMessage(() -> "the new key, or the problem: " + browser.text("keys-problem"))
			.until((driver) -> !browser.text("new-key-id").isEmpty() && !browser.text("new-key-id").equals(before));
		NewKey created = new NewKey(browser.text("new-key-id"), browser.text("new-key-value"));
		assertThat(created.key()).matches("ghk_live_acme_[0-9a-f]{32}");
		// The list is asked again after a rotation: the new key's row comes with it.
		browser.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#keys-rows tr[data-key='" + created.id() + "']")));
		return created;
	}

	private static WebElement row(String keyId) {
		return browser.driver.findElement(By.cssSelector("#keys-rows tr[data-key='" + keyId + "']"));
	}

	private static JsonNode body(Map<String, Object> answer) {
		return json.readTree(answer.get("body").toString());
	}

	private static HttpResponse<String> partnerCall(String key) {
		return Http
			.send(HttpRequest.newBuilder(URI.create(target.gateway("/partner/v1/policies"))).header("x-api-key", key));
	}

	record NewKey(String id, String key) {
	}

}
