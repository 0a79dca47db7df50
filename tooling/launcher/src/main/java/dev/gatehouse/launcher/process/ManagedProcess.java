package dev.gatehouse.launcher.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A component process: its output goes to {@code logs/<name>.log}, its pid to
 * {@code run/}, and it lives in a session of its own, so Ctrl-C reaches only the launcher
 * (which then stops everything in order) and the process outlives the launcher for
 * {@code up --detach}.
 */
public final class ManagedProcess {

	private static final Duration STOP_GRACE = Duration.ofSeconds(20);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	private static final int TAIL_LINES = 25;

	private final String name;

	private final Process process;

	private final RunDirectory runDirectory;

	private final Path logFile;

	private ManagedProcess(String name, Process process, RunDirectory runDirectory, Path logFile) {
		this.name = name;
		this.process = process;
		this.runDirectory = runDirectory;
		this.logFile = logFile;
	}

	/**
	 * @param url where the component serves, for {@code status}
	 * @param healthUrl what {@code status} probes
	 */
	public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
			Path workingDirectory, String url, String healthUrl, RunDirectory runDirectory) {
		Path logFile = runDirectory.logFile(name);
		List<String> fullCommand = new ArrayList<>();
		// setsid (util-linux) execs in place because the child is not a group leader, so
		// the pid stays the component's.
		Executables.onPath("setsid").ifPresent(setsid -> fullCommand.add(setsid.toString()));
		fullCommand.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(fullCommand).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(logFile.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().putAll(environment);
		Process process;
		try {
			Files.createDirectories(logFile.getParent());
			process = builder.start();
		}
		catch (IOException ex) {
			throw new StartupException("could not start " + name + ": " + ex.getMessage(), ex);
		}
		runDirectory.write(new RunRecord(name, process.pid(), process.info().startInstant().orElse(null), url,
				healthUrl, logFile));
		return new ManagedProcess(name, process, runDirectory, logFile);
	}

	/**
	 * Polls {@code ready} until it holds.
	 * @throws StartupException if the process exits first or the timeout passes, with the
	 * log's last lines
	 */
	public void awaitReady(BooleanSupplier ready, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (!process.isAlive()) {
				throw failure(name + " exited with code " + process.exitValue() + " while starting");
			}
			if (ready.getAsBoolean()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw failure(name + " did not become ready within " + timeout.toSeconds() + " s");
			}
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StartupException("interrupted while waiting for " + name);
			}
		}
	}

	private StartupException failure(String message) {
		return new StartupException(message + "; log: " + logFile, logFile, LogTail.lastLines(logFile, TAIL_LINES));
	}

	public String name() {
		return name;
	}

	public long pid() {
		return process.pid();
	}

	public Path logFile() {
		return logFile;
	}

	/**
	 * Whether anything of the component runs: the process itself, or what it started in
	 * its session.
	 */
	public boolean isAlive() {
		return process.isAlive() || !ProcessTree.session(process.pid()).isEmpty();
	}

	/** Exit code of the process started, or -1 while it runs. */
	public int exitCode() {
		return process.isAlive() ? -1 : process.exitValue();
	}

	/**
	 * Stops the process, its descendants and whatever else runs in its session (a child
	 * that outlived it), and forgets its run record.
	 */
	public void stop() {
		List<ProcessHandle> processes = new ArrayList<>(ProcessTree.session(process.pid()));
		if (process.isAlive() && processes.stream().noneMatch(member -> member.pid() == process.pid())) {
			processes.add(process.toHandle());
		}
		if (!processes.isEmpty()) {
			ProcessTree.stopAll(processes, STOP_GRACE);
		}
		runDirectory.remove(name);
	}

}
