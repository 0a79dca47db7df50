package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Stops a component together with everything it started. Each component runs in a session
 * of its own (ManagedProcess starts it through {@code setsid}), so its processes are
 * found by session id even after the one that started them has gone: kill {@code kc.sh}
 * and Keycloak's JVM lives on as an orphan outside the tree, but still in the session.
 * Sessions are read from {@code /proc} (Linux); elsewhere only the process and its
 * descendants are found.
 */
public final class ProcessTree {

	private static final Duration FORCE_WAIT = Duration.ofSeconds(5);

	private static final Path PROC = Path.of("/proc");

	private ProcessTree() {
	}

	/**
	 * Asks the whole tree to terminate, waits up to {@code grace}, then kills what is
	 * left.
	 * @return true if the tree ended within the grace period, false if it had to be
	 * killed
	 */
	public static boolean stop(ProcessHandle root, Duration grace) {
		return stopAll(Stream.concat(root.descendants(), Stream.of(root)).toList(), grace);
	}

	/**
	 * Stops every process of a session and their descendants, the session leader last.
	 * @return true if they ended within the grace period, false if some had to be killed
	 */
	public static boolean stopAll(List<ProcessHandle> processes, Duration grace) {
		Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
		// Descendants are listed before signalling: once a parent is gone they are
		// re-parented and unreachable.
		for (ProcessHandle process : processes) {
			process.descendants().forEach((child) -> tree.putIfAbsent(child.pid(), child));
		}
		processes.forEach((process) -> tree.putIfAbsent(process.pid(), process));
		List<ProcessHandle> all = List.copyOf(tree.values());
		all.forEach(ProcessHandle::destroy);
		if (awaitExit(all, grace)) {
			return true;
		}
		all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		awaitExit(all, FORCE_WAIT);
		return false;
	}

	/**
	 * The live processes whose session id is {@code leader} (the leader itself included
	 * while it runs), oldest first; zombies, which only wait to be reaped, are left out.
	 */
	public static List<ProcessHandle> session(long leader) {
		if (!Files.isDirectory(PROC)) {
			return ProcessHandle.of(leader).stream().toList();
		}
		List<ProcessHandle> members = new ArrayList<>();
		try (Stream<Path> entries = Files.list(PROC)) {
			entries.map((entry) -> entry.getFileName().toString())
				.filter((name) -> name.chars().allMatch(Character::isDigit))
				.map(Long::parseLong)
				.filter((pid) -> sessionOf(pid).orElse(-1) == leader)
				.map(ProcessHandle::of)
				.flatMap(Optional::stream)
				.forEach(members::add);
		}
		catch (IOException ex) {
			return ProcessHandle.of(leader).stream().toList();
		}
		members.sort((a, b) -> Long.compare(a.pid(), b.pid()));
		return members;
	}

	/**
	 * The session id of a live, non-zombie process, read from {@code /proc/<pid>/stat}.
	 */
	static OptionalLong sessionOf(long pid) {
		try {
			String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
			// "pid (comm) state ppid pgrp session ...": comm may hold spaces and
			// parentheses.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			if (fields[0].equals("Z") || fields[0].equals("X")) {
				return OptionalLong.empty();
			}
			return OptionalLong.of(Long.parseLong(fields[3]));
		}
		catch (IOException | RuntimeException ex) {
			// Gone between listing and reading, or not readable: not a member.
			return OptionalLong.empty();
		}
	}

	private static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ProcessHandle handle : tree) {
			long remaining = deadline - System.nanoTime();
			try {
				handle.onExit().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

}
