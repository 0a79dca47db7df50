package dev.gatehouse.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.process.RunRecord;
import dev.gatehouse.launcher.process.StartupException;
import dev.gatehouse.launcher.redis.RedisServer;

/**
 * {@code reset}: forgets what the local Redis kept between runs (the append-only file in
 * {@code <state>/redis}: API keys rotated or revoked through the key API, portal
 * sessions, rate-limit counters), so the next {@code up} starts from the configured keys.
 * Refused while the platform runs: Redis would write the file again from its memory.
 */
final class ResetCommand {

	private final PlatformConfig config;

	private final PrintStream out;

	ResetCommand(PlatformConfig config, PrintStream out) {
		this.config = config;
		this.out = out;
	}

	int run() {
		List<RunRecord> live = config.runDirectory().records().stream().filter(RunRecord::isRunning).toList();
		if (!live.isEmpty()) {
			throw new StartupException(
					"Gatehouse runs (" + live.get(0).name() + "): stop it first with ./gatehouse down");
		}
		Path data = config.stateDir().resolve(RedisServer.DATA);
		if (!Files.exists(data)) {
			out.println("Nothing to reset: " + data + " does not exist.");
			return 0;
		}
		try (Stream<Path> paths = Files.walk(data)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		out.println("Deleted " + data + ": the next up starts Redis empty (the configured API keys only, no"
				+ " sessions, no counters).");
		return 0;
	}

}
