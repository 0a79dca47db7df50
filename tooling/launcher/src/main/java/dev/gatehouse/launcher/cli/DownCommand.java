package dev.gatehouse.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.gatehouse.launcher.process.ProcessTree;
import dev.gatehouse.launcher.process.RunDirectory;
import dev.gatehouse.launcher.process.RunRecord;

/**
 * {@code down}: stops every recorded component, newest first, with every process of its
 * session, so a process whose parent was killed (Keycloak's JVM without {@code kc.sh}) is
 * stopped too.
 */
final class DownCommand {

	private static final Duration GRACE = Duration.ofSeconds(20);

	private final RunDirectory run;

	private final PrintStream out;

	DownCommand(RunDirectory run, PrintStream out) {
		this.run = run;
		this.out = out;
	}

	int run() {
		List<RunRecord> records = new ArrayList<>(run.records());
		if (records.isEmpty()) {
			out.println("Nothing to stop: no run records in " + run.runDir() + ".");
			return 0;
		}
		Collections.reverse(records);
		for (RunRecord record : records) {
			List<ProcessHandle> processes = record.liveProcesses();
			if (processes.isEmpty()) {
				out.println(record.name() + " (pid " + record.pid() + ") was no longer running.");
			}
			else {
				out.println("Stopping " + record.name() + " (" + StatusCommand.pids(processes) + ") ...");
				if (!ProcessTree.stopAll(processes, GRACE)) {
					out.println(record.name() + " did not stop within " + GRACE.toSeconds() + " s and was killed.");
				}
			}
			run.remove(record.name());
		}
		out.println("Gatehouse is stopped.");
		return 0;
	}

}
