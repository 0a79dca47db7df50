package dev.gatehouse.launcher.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.keycloak.KeycloakServer;
import dev.gatehouse.launcher.process.HttpProbe;
import dev.gatehouse.launcher.process.RunDirectory;
import dev.gatehouse.launcher.process.RunRecord;
import dev.gatehouse.launcher.redis.RedisServer;
import dev.gatehouse.launcher.service.ServiceDefinition;

/**
 * {@code status}: each component with its processes, URL and whether it answers its
 * health check. A component whose first process has gone while others it started still
 * run (Keycloak's JVM after {@code kc.sh} was killed) is shown as orphaned, with the pids
 * {@code down} will stop.
 */
final class StatusCommand {

	private static final String ROW = "%-18s %-14s %-28s %s%n";

	private final PlatformConfig config;

	private final PrintStream out;

	StatusCommand(PlatformConfig config, PrintStream out) {
		this.config = config;
		this.out = out;
	}

	int run() {
		RunDirectory run = config.runDirectory();
		Map<String, String> defaultUrls = new LinkedHashMap<>();
		defaultUrls.put(KeycloakServer.NAME, config.keycloakUrl());
		for (ServiceDefinition service : config.services()) {
			defaultUrls.put(service.name(), config.serviceUrl(service.name()));
		}
		List<String> names = new ArrayList<>(defaultUrls.keySet());
		run.records().stream().map(RunRecord::name).filter(name -> !names.contains(name)).forEach(names::add);

		out.printf(ROW, "COMPONENT", "PID", "URL", "STATE");
		for (String name : names) {
			Optional<RunRecord> record = run.record(name);
			String url = record.map(RunRecord::url).orElse(defaultUrls.get(name));
			List<ProcessHandle> processes = record.map(RunRecord::liveProcesses).orElse(List.of());
			if (!processes.isEmpty()) {
				String health = record.get().healthUrl();
				boolean healthy = health.startsWith("redis:") ? RedisServer.isHealthy(health)
						: HttpProbe.isHealthy(health);
				String state = healthy ? "healthy" : "running, not healthy (yet)";
				if (record.get().liveProcess().isEmpty()) {
					state += "; orphaned: pid " + record.get().pid() + " has ended, ./gatehouse down stops the rest";
				}
				out.printf(ROW, name, pids(processes), url, state);
			}
			else {
				out.printf(ROW, name, "-", url, record.isPresent() ? "not running (stale pid file)" : "not running");
			}
		}
		out.println();
		out.println("Logs: " + run.logsDir());
		return 0;
	}

	static String pids(List<ProcessHandle> processes) {
		return String.join(",", processes.stream().map(process -> Long.toString(process.pid())).toList());
	}

}
