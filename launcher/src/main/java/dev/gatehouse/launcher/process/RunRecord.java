package dev.gatehouse.launcher.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code down} and {@code status} need to know about a started component, kept on disk so that
 * another launcher invocation finds it.
 *
 * @param startedAt when the operating system started the process, so a recycled pid is not mistaken for it
 */
public record RunRecord(String name, long pid, Instant startedAt, String url, String healthUrl, Path logFile) {

	/** The process, if it still runs and is the one that was recorded. */
	public Optional<ProcessHandle> liveProcess() {
		return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(handle -> handle.info().startInstant().map(this::sameStart).orElse(true));
	}

	private boolean sameStart(Instant actual) {
		return startedAt == null || Math.abs(actual.toEpochMilli() - startedAt.toEpochMilli()) < 1000;
	}
}
