package dev.gatehouse.e2e;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.launcher.process.RunDirectory;
import dev.gatehouse.launcher.service.ServiceLaunch;
import dev.gatehouse.launcher.service.ServiceProcess;
import dev.gatehouse.launcher.service.Services;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways share one portal session: the sessions are in the platform's Redis (Spring
 * Session), so a person signed in through one replica is signed in on the other, whose
 * relayed calls carry their token, and signing out on either ends the session on both.
 * The second gateway is the launcher's launch of the gateway on other ports (same jar,
 * settings, redis-server, Keycloak and services), with a run directory of its own. The
 * browser is real, and so is the sign-in at Keycloak.
 */
@ExtendWith(RunningPlatform.class)
@LauncherOnly("starts a second gateway process beside the launcher's; compose runs its replicas behind the edge")
class PortalReplicasEndToEndIntegrationTests {

	static ServiceProcess second;

	static PortalBrowser browser;

	@BeforeAll
	static void start(Platform platform) {
		assertThat(platform.config().redisServer()).as("a redis-server on the PATH: where replicas share sessions")
			.isPresent();
		List<Integer> ports = Ports.free(3);
		ServiceLaunch launch = platform.config()
			.withPort("gateway", ports.get(0))
			.withPort("gateway-management", ports.get(1))
			.withPort("gateway-tls", ports.get(2))
			.serviceLaunch(Services.GATEWAY);
		second = ServiceProcess.start(new ServiceLaunch(launch.definition(), launch.jar(), launch.port(),
				launch.managementPort(), launch.arguments(), launch.workingDirectory(),
				new RunDirectory(RunningPlatform.STATE.resolve("second-gateway")), launch.startupTimeout()));
		browser = PortalBrowser.start();
		second.awaitHealthy();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aSessionStartedOnOneGatewayWorksOnTheOtherAndSigningOutThereEndsItOnBoth(Platform platform) {
		String first = platform.config().portalUrl();
		String other = second.url() + "/portal/";
		browser.signIn(first, "alice");

		browser.driver.get(other);
		browser.wait.until(ExpectedConditions.textToBe(By.id("user"), "alice"));
		browser.awaitReady();
		Map<String, Object> relayed = browser.call("GET", "/portal/api/customers/C-1001", null);
		assertThat(relayed.get("status")).as(relayed.get("body").toString()).isEqualTo(200L);
		JsonNode customer = body(relayed);
		assertThat(customer.path("id").asString()).isEqualTo("C-1001");
		assertThat(customer.path("owner").asString()).isEqualTo("alice");

		browser.driver.findElement(By.cssSelector("#sign-out button")).click();
		// The second gateway sends the browser on to Keycloak's end-session endpoint
		// once its session is gone. Keycloak does not send it back: the realm registers
		// the post-logout address of the run's first gateway only.
		browser.wait.until(ExpectedConditions.urlContains(platform.keycloakUrl() + "/realms/gatehouse/"));

		browser.driver.get(first);
		browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
		assertThat(browser.driver.findElement(By.id("signed-in")).isDisplayed()).isFalse();
		Map<String, Object> afterSignOut = browser.call("GET", "/portal/api/customers/C-1001", null);
		assertThat(afterSignOut.get("status")).isEqualTo(401L);
		assertThat(body(afterSignOut).path("type").asString())
			.isEqualTo("urn:gatehouse:problem:portal-sign-in-required");
	}

	private static JsonNode body(Map<String, Object> answer) {
		return JsonMapper.builder().build().readTree(answer.get("body").toString());
	}

}
