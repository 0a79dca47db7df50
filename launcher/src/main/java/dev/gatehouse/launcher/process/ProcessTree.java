package dev.gatehouse.launcher.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Stops a process together with everything it started (kc.sh runs Keycloak's JVM as a child). */
public final class ProcessTree {

	private static final Duration FORCE_WAIT = Duration.ofSeconds(5);

	private ProcessTree() {
	}

	/**
	 * Asks the whole tree to terminate, waits up to {@code grace}, then kills what is left.
	 *
	 * @return true if the tree ended within the grace period, false if it had to be killed
	 */
	public static boolean stop(ProcessHandle root, Duration grace) {
		// Descendants are listed before signalling: once the root is gone they are re-parented and unreachable.
		List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
		tree.forEach(ProcessHandle::destroy);
		if (awaitExit(tree, grace)) {
			return true;
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		awaitExit(tree, FORCE_WAIT);
		return false;
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
