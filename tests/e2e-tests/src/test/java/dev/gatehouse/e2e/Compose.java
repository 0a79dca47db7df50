package dev.gatehouse.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.gatehouse.test.edge.Commands;

/**
 * The docker compose stack the suite runs against, driven with the same commands a user
 * types: {@code docker-compose} (or {@code docker compose}, property
 * {@code gatehouse.e2e.compose.cli}) with the project name and files of
 * {@code gatehouse.e2e.compose.project} and {@code gatehouse.e2e.compose.files}, and
 * {@code docker} for what compose has no command for. The engine is the one
 * {@code DOCKER_HOST} names.
 */
final class Compose {

	static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

	private final String project;

	private final List<String> command;

	private Compose(String project, List<String> command) {
		this.project = project;
		this.command = command;
	}

	static Compose fromSystemProperties() {
		String project = System.getProperty("gatehouse.e2e.compose.project", "gatehouse");
		List<String> command = new ArrayList<>(
				Arrays.asList(System.getProperty("gatehouse.e2e.compose.cli", "docker-compose").trim().split("\\s+")));
		command.addAll(List.of("-p", project));
		for (String file : System.getProperty("gatehouse.e2e.compose.files", "docker-compose.yml").split(",")) {
			command.addAll(List.of("-f", Commands.ROOT.resolve(file.trim()).toString()));
		}
		return new Compose(project, List.copyOf(command));
	}

	String project() {
		return this.project;
	}

	/**
	 * How many gateway replicas the stack runs ({@code up --scale gateway=N}), property
	 * {@code gatehouse.e2e.compose.gateways}.
	 */
	static int gateways() {
		return Integer.parseInt(System.getProperty("gatehouse.e2e.compose.gateways", "2"));
	}

	/** {@code up -d} with the stack's gateway replicas, as it was brought up. */
	void up() {
		compose(COMMAND_TIMEOUT, "up", "-d", "--scale", "gateway=" + gateways());
	}

	/**
	 * {@code docker-compose -p <project> -f ... <arguments>}, in the repository's root;
	 * fails on a non-zero exit.
	 */
	String compose(Duration timeout, String... arguments) {
		List<String> all = new ArrayList<>(this.command);
		all.addAll(List.of(arguments));
		return Commands.run(timeout, Commands.ROOT, all.toArray(String[]::new))
			.requireSuccess(String.join(" ", all))
			.output();
	}

	/** {@code docker <arguments>}; fails on a non-zero exit. */
	static String docker(String... arguments) {
		List<String> all = new ArrayList<>(List.of("docker"));
		all.addAll(List.of(arguments));
		return Commands.run(COMMAND_TIMEOUT, Commands.ROOT, all.toArray(String[]::new))
			.requireSuccess(String.join(" ", all))
			.output();
	}

	/**
	 * The containers of one service, running or not, by id (the labels compose v1 and v2
	 * both set).
	 */
	List<String> containers(String service) {
		return lines(docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + this.project, "--filter",
				"label=com.docker.compose.service=" + service));
	}

	/** Every container of the project. */
	List<String> containers() {
		return lines(docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + this.project));
	}

	String container(String service) {
		List<String> ids = containers(service);
		if (ids.isEmpty()) {
			throw new IllegalStateException("No container of service '" + service + "' in compose project '"
					+ this.project + "': is the stack up (docker-compose -p " + this.project + " up -d)?");
		}
		return ids.get(0);
	}

	/**
	 * Copies a file or folder out of a service's container (one-shots included: they
	 * stay, exited).
	 */
	void copyOut(String service, String path, Path target) {
		docker("cp", container(service) + ":" + path, target.toString());
	}

	/**
	 * Waits until every container of the project is running and healthy where it has a
	 * healthcheck, or exited 0 (the one-shots); fails at once when one exited otherwise.
	 */
	void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String states = "";
		while (System.nanoTime() < deadline) {
			List<String> ids = containers();
			List<String> arguments = new ArrayList<>(List.of("inspect", "-f",
					"{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"));
			arguments.addAll(ids);
			states = docker(arguments.toArray(String[]::new));
			boolean ready = !ids.isEmpty();
			for (String line : lines(states)) {
				String[] state = line.split(" ");
				if (state[1].equals("exited") && !state[2].equals("0")) {
					throw new AssertionError("A container of the stack failed: " + line);
				}
				ready &= state[1].equals("exited")
						|| state[1].equals("running") && !state[3].equals("starting") && !state[3].equals("unhealthy");
			}
			if (ready) {
				return;
			}
			sleep(Duration.ofSeconds(2));
		}
		throw new AssertionError("The stack was not healthy within " + timeout + ":\n" + states);
	}

	/**
	 * Waits until every gateway replica's health is UP, not DEGRADED: its rate-limit
	 * store, Redis, answered its ping. Until a replica's first connection to Redis is up,
	 * which on a busy machine can take longer than the gateway's 200 ms Redis timeout,
	 * its routes fall back to their outage policy (per-instance limits), and the suite
	 * would test that instead of the shared limits.
	 */
	void awaitRateLimitStores(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (String gateway : containers("gateway")) {
			String health = "";
			while (!health.contains("\"status\":\"UP\"")) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("Gateway " + gateway + " did not reach its rate-limit store within "
							+ timeout + ": " + health);
				}
				health = Commands.run(COMMAND_TIMEOUT, Commands.ROOT, "docker", "exec", gateway, "bash", "-c",
						"exec 3<>/dev/tcp/127.0.0.1/9080 && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3")
					.output();
				if (!health.contains("\"status\":\"UP\"")) {
					sleep(Duration.ofSeconds(1));
				}
			}
		}
	}

	static List<String> lines(String output) {
		return output.lines().map(String::trim).filter((line) -> !line.isEmpty()).toList();
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
