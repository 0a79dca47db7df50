package dev.gatehouse.launcher.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code down} and {@code status} need to know about a started component, kept on
 * disk so that another launcher invocation finds it.
 *
 * @param startedAt when the operating system started the process, so a recycled pid is
 * not mistaken for it
 */
public record RunRecord(String name, long pid, Instant startedAt, String url, String healthUrl, Path logFile) {

	/**
	 * The recorded process, if it still runs and is the one that was recorded (not a
	 * recycled pid).
	 */
	public Optional<ProcessHandle> liveProcess() {
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter(handle -> handle.info().startInstant().map(this::sameStart).orElse(true));
	}

	/**
	 * Every process of the component still running: the recorded one and the rest of its
	 * session, including processes it started that outlived it (Keycloak's JVM after
	 * {@code kc.sh} was killed). Empty when nothing of it runs, or when its pid now
	 * belongs to another program.
	 */
	public List<ProcessHandle> liveProcesses() {
		Optional<ProcessHandle> leader = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
		if (leader.isPresent() && liveProcess().isEmpty()) {
			return List.of();
		}
		return ProcessTree.session(pid)
			.stream()
			.filter(member -> member.pid() == pid || startedAfterRecord(member))
			.toList();
	}

	/** Whether anything of the component still runs. */
	public boolean isRunning() {
		return !liveProcesses().isEmpty();
	}

	private boolean startedAfterRecord(ProcessHandle member) {
		return startedAt == null || member.info()
			.startInstant()
			.map(start -> start.toEpochMilli() >= startedAt.toEpochMilli() - 1000)
			.orElse(true);
	}

	private boolean sameStart(Instant actual) {
		return startedAt == null || Math.abs(actual.toEpochMilli() - startedAt.toEpochMilli()) < 1000;
	}
}
