package dev.gatehouse.launcher;

import dev.gatehouse.test.Repository;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.launcher.cli.Cli;
import dev.gatehouse.launcher.keycloak.KeycloakServer;
import dev.gatehouse.launcher.process.ProcessTree;
import dev.gatehouse.launcher.process.RunRecord;
import dev.gatehouse.launcher.redis.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A component killed behind the launcher's back, as a user or the OOM killer would:
 * whichever process dies (kc.sh, Keycloak's JVM, Redis), {@code status} tells the truth,
 * {@code down} leaves no process behind and the next {@code up} on the same ports starts
 * cleanly. Real Keycloak (the distribution {@code ./gatehouse up} runs), free ports, no
 * services.
 */
class FaultRecoveryIntegrationTests {

	private final PlatformConfig config = PlatformConfig.defaults(Repository.ROOT)
		.withFreePorts()
		.withStateDir(Path.of("target/fault-recovery-it"))
		.withServices(List.of());

	private final List<ProcessHandle> seen = new ArrayList<>();

	private Platform platform;

	@AfterEach
	void leaveNothingRunning() {
		if (this.platform != null) {
			this.platform.close();
		}
		this.seen.forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void killingKcShLeavesKeycloaksJvmWhichStatusShowsAndDownStops() {
		start();
		RunRecord record = record(KeycloakServer.NAME);
		ProcessHandle wrapper = record.liveProcess().orElseThrow();
		List<ProcessHandle> jvms = wrapper.children().toList();
		assertThat(jvms).as("kc.sh runs Keycloak's JVM as its child").isNotEmpty();

		kill(wrapper);

		assertThat(jvms).as("the JVM outlives kc.sh").allMatch(ProcessHandle::isAlive);
		String status = cli("status");
		assertThat(status).containsPattern("keycloak\\s+" + jvms.get(0).pid())
			.contains("orphaned: pid " + wrapper.pid() + " has ended")
			.doesNotContain("keycloak           -");
		assertThatThrownBy(() -> Platform.prepare(this.config, quiet()).start())
			.hasMessageContaining("pid " + jvms.get(0).pid())
			.hasMessageContaining("stop it first with ./gatehouse down");
		assertThat(jvms).as("a refused up leaves the running JVM alone").allMatch(ProcessHandle::isAlive);

		downLeavesNothingAndUpRecovers();
	}

	@Test
	void killingKeycloaksJvmThenDownLeavesNothingAndUpRecovers() {
		start();
		ProcessHandle jvm = record(KeycloakServer.NAME).liveProcess()
			.orElseThrow()
			.children()
			.findFirst()
			.orElseThrow();

		kill(jvm);

		downLeavesNothingAndUpRecovers();
	}

	@Test
	void killingRedisThenDownLeavesNothingAndUpRecovers() {
		start();
		if (this.config.redisServer().isEmpty()) {
			throw new AssertionError("this test needs redis-server on the PATH (.ci/run installs it)");
		}
		kill(record(RedisServer.NAME).liveProcess().orElseThrow());

		assertThat(cli("status")).containsPattern("redis\\s+-\\s+\\S+\\s+not running \\(stale pid file\\)");
		downLeavesNothingAndUpRecovers();
	}

	private void downLeavesNothingAndUpRecovers() {
		List<ProcessHandle> everything = this.config.runDirectory()
			.records()
			.stream()
			.flatMap((record) -> ProcessTree.session(record.pid()).stream())
			.toList();
		this.seen.addAll(everything);

		String down = cli("down");

		assertThat(down).contains("Gatehouse is stopped.");
		assertThat(everything).as("processes left after down").noneMatch(ProcessHandle::isAlive);
		assertThat(this.config.runDirectory().records()).isEmpty();

		this.platform.close();
		this.platform = Platform.start(this.config, quiet());
		assertThat(this.platform.tokens().client("reporting-batch")).isNotBlank();
		assertThat(cli("status")).containsPattern("keycloak\\s+[\\d,]+\\s+\\S+\\s+healthy");
	}

	private void start() {
		this.platform = Platform.start(this.config, quiet());
		this.config.runDirectory().records().forEach((record) -> this.seen.addAll(ProcessTree.session(record.pid())));
	}

	private RunRecord record(String name) {
		return this.config.runDirectory()
			.record(name)
			.orElseThrow(() -> new AssertionError("no run record of " + name));
	}

	private static void kill(ProcessHandle process) {
		process.destroyForcibly();
		process.onExit().join();
	}

	private String cli(String command) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		int exit = new Cli(this.config, out, out).run(command);
		String output = bytes.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(output).isZero();
		return output;
	}

	private static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
	}

}
