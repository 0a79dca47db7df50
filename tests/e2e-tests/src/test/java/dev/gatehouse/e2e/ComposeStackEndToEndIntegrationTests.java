package dev.gatehouse.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docker compose stack as it runs: the real edge refusing attacks in front of the
 * suite it lets through, rate limits shared by the gateway's replicas through the compose
 * Redis, and the images' promises (non-root, read-only root, layered jar, class-data
 * sharing archive) held by the running containers.
 */
@ComposeOnly
@ExtendWith(RunningPlatform.class)
class ComposeStackEndToEndIntegrationTests {

	static final List<String> APPLICATIONS = List.of("customer-service", "policy-service", "gateway");

	static ComposeTarget target;

	static Compose compose;

	@BeforeAll
	static void target(Target running) {
		target = (ComposeTarget) running;
		compose = target.compose();
	}

	@Test
	void theEdgeRefusesAttacksWithAProblemBeforeTheGateway() {
		HttpResponse<String> xss = Http.get(target.gateway("/api/customers?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
				null);
		assertThat(xss.statusCode()).isEqualTo(403);
		assertThat(xss.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(xss.body()).contains("urn:gatehouse:problem:refused-at-edge")
			.doesNotContain("<script")
			.doesNotContain("alert(");

		HttpResponse<String> scanner = Http.send(HttpRequest.newBuilder(URI.create(target.gateway("/api/customers")))
			.header("User-Agent", "sqlmap/1.7"));
		assertThat(scanner.statusCode()).isEqualTo(403);
		assertThat(scanner.body()).contains("urn:gatehouse:problem:refused-at-edge");
	}

	@Test
	void plainHttpIsRedirectedToTheEdgesTlsPort() {
		String http = target.gateway("/api/customers?page=1")
			.replaceFirst("^https://localhost:\\d+",
					"http://localhost:" + System.getenv().getOrDefault("GATEHOUSE_HTTP_PORT", "8080"));
		HttpResponse<String> response = Http.get(http, null);
		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(response.headers().firstValue("Location")).hasValue(target.gateway("/api/customers?page=1"));
	}

	/**
	 * A client allowed 2 requests per 50 s (e2e-tests' gateway.properties) calls each
	 * replica of the gateway directly, inside its container: replica 1, replica 2,
	 * replica 1. Counted per instance, the third would pass (its replica saw one
	 * request); shared through Redis, it is the third and refused.
	 */
	@Test
	void rateLimitsAreSharedByTheGatewaysReplicasThroughRedis() {
		List<String> gateways = compose.containers("gateway");
		assertThat(gateways).as("gateway replicas").hasSize(Compose.gateways());
		assertThat(gateways).hasSizeGreaterThanOrEqualTo(2);
		String client = "e2e-shared-limit";
		TroubleshootingTableEndToEndIntegrationTests.createServiceClientWithRole(target, client, "customer:read");
		String token = target.tokens().tokenClient().clientCredentials(client, client + "-secret");

		List<Integer> statuses = new ArrayList<>();
		for (String gateway : List.of(gateways.get(0), gateways.get(1), gateways.get(0))) {
			statuses.add(insideContainer(gateway, token));
		}
		assertThat(statuses).containsExactly(200, 200, 429);
	}

	/**
	 * GET /api/customers on a replica's own HTTP port, from inside its container (bash's
	 * /dev/tcp).
	 */
	private static int insideContainer(String container, String token) {
		String statusLine = Compose.docker("exec", "-e", "TOKEN=" + token, container, "bash", "-c",
				"exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /api/customers HTTP/1.0\\r\\nHost: localhost\\r\\n"
						+ "Authorization: Bearer %s\\r\\n\\r\\n' \"$TOKEN\" >&3 && head -1 <&3");
		return Integer.parseInt(statusLine.trim().split(" ")[1]);
	}

	@Test
	void applicationsRunAsUser10001OnAReadOnlyRootWithTheirClassDataSharingArchive() {
		for (String service : APPLICATIONS) {
			for (String container : compose.containers(service)) {
				assertThat(Compose.docker("inspect", "-f", "{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}", container)
					.trim()).as(service).isEqualTo("10001:10001 true");
				assertThat(Compose.docker("exec", container, "id", "-u").trim()).as(service).isEqualTo("10001");
				// The running JVM (pid 1) has the archive trained at build time mapped:
				// class-data sharing is in use.
				assertThat(Compose.docker("exec", container, "grep", "-c", "/app/app.jsa", "/proc/1/maps").trim())
					.as("app.jsa mapped by %s", service)
					.isNotEqualTo("0");
				assertThat(exitCodeOf(container, "touch /app/written")).as("%s writes its image", service).isNotZero();
				assertThat(exitCodeOf(container, "touch /tmp/written && rm /tmp/written")).as("%s writes /tmp", service)
					.isZero();
			}
		}
	}

	/**
	 * Every long-running container runs as the non-root user compose declares for it (the
	 * ids ContainerIdentityTests holds equal to the Kubernetes manifests'), and serves
	 * so: the suite ran.
	 */
	@Test
	void everyLongRunningContainerRunsAsItsDeclaredNonRootUser() {
		for (String service : List.of("customer-service", "policy-service", "gateway", "keycloak", "postgres", "redis",
				"edge")) {
			for (String container : compose.containers(service)) {
				String declared = Compose.docker("inspect", "-f", "{{.Config.User}}", container).trim();
				String running = Compose.docker("exec", container, "sh", "-c", "echo $(id -u):$(id -g)").trim();
				assertThat(running).as(service).isEqualTo(declared).doesNotStartWith("0:");
			}
		}
	}

	@Test
	void imagesCarryTheJarAsSpringBootLayers() {
		for (String service : APPLICATIONS) {
			String history = Compose.docker("history", "--no-trunc", "--format", "{{.CreatedBy}}",
					"gatehouse/" + service + ":dev");
			assertThat(history.lines().filter((line) -> line.contains("COPY dir:") || line.contains("COPY file:")))
				.as("layers of %s", service)
				.hasSizeGreaterThanOrEqualTo(4);
		}
	}

	private static int exitCodeOf(String container, String shell) {
		return Commands.run(Compose.COMMAND_TIMEOUT, "docker", "exec", container, "sh", "-c", shell).exitCode();
	}

}
