package dev.gatehouse.launcher.process;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

@DisabledOnOs(OS.WINDOWS)
class ProcessTreeTests {

	@Test
	void stopsTheProcessAndTheChildrenItStarted() throws Exception {
		// Like kc.sh: a shell that runs the real work as a child and waits for it.
		Process shell = new ProcessBuilder("sh", "-c", "sleep 300 & wait").start();
		List<ProcessHandle> children = awaitChildren(shell.toHandle());

		boolean graceful = ProcessTree.stop(shell.toHandle(), Duration.ofSeconds(10));

		assertThat(graceful).isTrue();
		assertThat(shell.isAlive()).isFalse();
		assertThat(children).noneMatch(ProcessHandle::isAlive);
	}

	@Test
	void killsWhatIgnoresTermination() throws Exception {
		Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 1; done").start();
		awaitChildren(stubborn.toHandle());

		boolean graceful = ProcessTree.stop(stubborn.toHandle(), Duration.ofMillis(500));

		assertThat(graceful).isFalse();
		assertThat(stubborn.isAlive()).isFalse();
	}

	@Test
	void findsAndStopsWhatOutlivedTheProcessThatStartedItThroughItsSession() throws Exception {
		// Like kc.sh started by ManagedProcess: a session leader whose child does the
		// work.
		Process wrapper = new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & wait").start();
		ProcessHandle worker = awaitChildren(wrapper.toHandle()).get(0);
		assertThat(ProcessTree.session(wrapper.pid())).extracting(ProcessHandle::pid)
			.containsExactly(wrapper.pid(), worker.pid());

		wrapper.toHandle().destroyForcibly();
		wrapper.waitFor();

		assertThat(worker.isAlive()).as("the orphaned worker").isTrue();
		assertThat(wrapper.toHandle().descendants()).as("no longer a descendant").isEmpty();
		assertThat(ProcessTree.session(wrapper.pid())).extracting(ProcessHandle::pid).containsExactly(worker.pid());

		boolean graceful = ProcessTree.stopAll(ProcessTree.session(wrapper.pid()), Duration.ofSeconds(10));

		assertThat(graceful).isTrue();
		assertThat(worker.isAlive()).isFalse();
		assertThat(ProcessTree.session(wrapper.pid())).isEmpty();
	}

	@Test
	void aProcessThatIsNoSessionLeaderHasNoSession() throws Exception {
		Process plain = new ProcessBuilder("sleep", "300").start();
		try {
			assertThat(ProcessTree.session(plain.pid())).isEmpty();
		}
		finally {
			plain.destroyForcibly();
		}
	}

	private static List<ProcessHandle> awaitChildren(ProcessHandle parent) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			List<ProcessHandle> children = parent.children().toList();
			if (!children.isEmpty()) {
				return children;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the shell started no child");
	}

}
