package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Data and restarts in the compose stack: writes sent through the edge while the gateway
 * and then a service restart are either acknowledged and kept, or refused with a problem
 * that says so; and {@code down} then {@code up} without {@code -v} keeps the data, a
 * partner key revoked through the key API and a portal session (Redis's append-only file
 * on its volume) included. Runs after the rest of the suite.
 */
@ComposeOnly
@Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(RunningPlatform.class)
class ComposeRestartEndToEndIntegrationTests {

	static final Duration HEALTHY_WITHIN = Duration.ofMinutes(6);

	/** Below the edge's 20 requests/s per address and the gateway's 20/s per user. */
	static final Duration PACE = Duration.ofMillis(150);

	static ComposeTarget target;

	static Compose compose;

	@BeforeAll
	static void target(Target running) {
		target = (ComposeTarget) running;
		compose = target.compose();
	}

	@Test
	@Order(1)
	void everyAcknowledgedWriteSurvivesRestartsOfTheGatewayAndAServiceAndEveryRefusalIsAProblem() throws Exception {
		// A token of its own: the suite's cached ones may expire during the restarts.
		String bob = target.tokens().user("bob");
		AtomicBoolean writing = new AtomicBoolean(true);
		List<Write> writes = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
			for (int i = 0; writing.get(); i++) {
				String name = "Restart " + System.nanoTime() + " " + i;
				writes.add(new Write(name, Http.send("POST", target.gateway("/api/customers"), bob,
						"{\"name\":\"" + name + "\",\"email\":\"restart-" + i + "@example.com\"}")));
				Compose.sleep(PACE);
			}
		});
		try {
			Compose.sleep(Duration.ofSeconds(3));
			compose.compose(Compose.COMMAND_TIMEOUT, "restart", "gateway");
			compose.awaitHealthy(HEALTHY_WITHIN);
			compose.compose(Compose.COMMAND_TIMEOUT, "restart", "customer-service");
			compose.awaitHealthy(HEALTHY_WITHIN);
			// Writes are acknowledged again once the gateway's circuit breaker for
			// customer-service,
			// opened by the restart, lets calls through after its wait; then a few more.
			int before = writes.size();
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> writes.subList(before, writes.size())
					.stream()
					.anyMatch((write) -> write.response().statusCode() == 201));
			Compose.sleep(Duration.ofSeconds(3));
		}
		finally {
			writing.set(false);
			stream.get();
		}

		List<Write> acknowledged = writes.stream().filter((write) -> write.response().statusCode() == 201).toList();
		List<Write> refused = writes.stream().filter((write) -> write.response().statusCode() != 201).toList();
		assertThat(acknowledged).as("writes acknowledged before, between and after the restarts")
			.hasSizeGreaterThan(20);
		for (Write write : refused) {
			assertThat(write.response().statusCode()).as(write.response().body()).isBetween(400, 599);
			assertThat(write.response().headers().firstValue("Content-Type")).as(write.response().body())
				.hasValue("application/problem+json");
			assertThat(Http.json(write.response()).path("type").asString()).startsWith("urn:gatehouse:problem:");
		}
		// The gateway's circuit breaker for customer-service, opened by the restart, lets
		// calls through
		// again after its wait; reads answer 503 until then.
		String first = path(acknowledged.get(0).response().headers().firstValue("Location").orElseThrow());
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> Http.get(target.gateway(first), bob).statusCode() != 503);
		for (Write write : acknowledged) {
			String location = write.response().headers().firstValue("Location").orElseThrow();
			HttpResponse<String> kept = Http.get(target.gateway(path(location)), bob);
			assertThat(kept.statusCode()).as("acknowledged write %s (%s)", write.name(), location).isEqualTo(200);
			assertThat(Http.json(kept).path("name").asString()).isEqualTo(write.name());
		}
	}

	@Test
	@Order(2)
	void downThenUpWithoutRemovingVolumesKeepsTheData() {
		String bob = target.tokens().user("bob");
		String name = "Kept across down and up " + System.nanoTime();
		HttpResponse<String> created = Http.send("POST", target.gateway("/api/customers"), bob,
				"{\"name\":\"" + name + "\",\"email\":\"kept-" + System.nanoTime() + "@example.com\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String location = path(created.headers().firstValue("Location").orElseThrow());
		// A key made and revoked through the key API lives only in Redis: after down and
		// up it must still be refused as revoked, not unknown (an emptied Redis).
		String admin = target.tokens().user("acme-admin");
		// A 503 (the key store did not answer in time, on a loaded machine) changed
		// nothing and says to retry, as a client does.
		HttpResponse<String> rotated = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Http.send("POST", target.gateway("/portal/api/keys/rotate"), admin,
					"{\"keyId\": \"acme-demo\", \"retireOldAt\": \"" + Instant.now().plus(Duration.ofDays(20)) + "\"}"),
					(response) -> response.statusCode() != 503);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
		String key = Http.json(rotated).path("key").asString();
		HttpResponse<String> revoked = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Http.send("DELETE",
					target.gateway("/portal/api/keys/" + Http.json(rotated).path("id").asString()), admin, null),
					(response) -> response.statusCode() != 503);
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		// A portal session: in Redis too (Spring Session), so it outlives down and up.
		ScriptedPortalLogin alice = new ScriptedPortalLogin(target).signIn("alice");

		compose.compose(Compose.COMMAND_TIMEOUT, "down");
		assertThat(compose.containers()).as("containers after down").isEmpty();
		compose.up();
		compose.awaitHealthy(HEALTHY_WITHIN);

		// A new login: bob, his password and the realm are in Keycloak's database, on the
		// kept volume too.
		compose.awaitRateLimitStores(HEALTHY_WITHIN);
		HttpResponse<String> kept = Http.get(target.gateway(location), target.tokens().user("bob"));
		assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
		assertThat(Http.json(kept).path("name").asString()).isEqualTo(name);
		HttpResponse<String> refused = Http
			.send(HttpRequest.newBuilder(URI.create(target.gateway("/partner/v1/policies"))).header("x-api-key", key));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(Http.json(refused).path("type").asString()).isEqualTo("urn:gatehouse:problem:revoked-api-key");
		HttpResponse<String> own = alice.get("/portal/api/customers/C-1001");
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(Http.json(own).path("owner").asString()).isEqualTo("alice");
	}

	/** The path of a Location header, which names the gateway's own address. */
	private static String path(String location) {
		return URI.create(location).getRawPath();
	}

	private record Write(String name, HttpResponse<String> response) {
	}

}
