package dev.gatehouse.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.keycloak.KeycloakServer;
import dev.gatehouse.launcher.service.ServiceProcess;

/**
 * {@code up}: starts the platform, prints the banner, then either waits until Ctrl-C
 * (which stops everything) or, with {@code --detach}, leaves it running for {@code down}.
 */
final class UpCommand {

	private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

	private final PlatformConfig config;

	private final PrintStream out;

	UpCommand(PlatformConfig config, PrintStream out) {
		this.config = config;
		this.out = out;
	}

	int run(boolean detach) throws InterruptedException {
		Platform platform = Platform.prepare(config, out);
		// Registered before starting, so that Ctrl-C during a slow start also stops what
		// is already running.
		Thread hook = new Thread(() -> {
			if (!platform.isClosed()) {
				out.println();
				out.println("Stopping Gatehouse ...");
				platform.close();
				out.println("Stopped.");
			}
		}, "gatehouse-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			platform.start();
		}
		catch (RuntimeException ex) {
			removeHook(hook);
			throw ex;
		}
		Banner.print(platform, out);
		if (detach) {
			removeHook(hook);
			out.println();
			out.println("Running in the background.");
			return 0;
		}
		out.println();
		out.println("Running in the foreground; press Ctrl-C to stop.");
		watch(platform);
		removeHook(hook);
		return 0;
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException shuttingDown) {
			// The hook already runs (Ctrl-C) and does the stopping.
		}
	}

	/**
	 * Reports components that end on their own (or through ./gatehouse down elsewhere),
	 * and returns when none is left.
	 */
	private void watch(Platform platform) throws InterruptedException {
		Set<String> reported = new HashSet<>();
		// Once closing (Ctrl-C), the stops are expected and the shutdown hook reports
		// them.
		while (!platform.isClosed()) {
			boolean anyAlive = false;
			KeycloakServer keycloak = platform.keycloak();
			if (keycloak.isAlive()) {
				anyAlive = true;
			}
			else if (reported.add(KeycloakServer.NAME)) {
				reportExit(platform, KeycloakServer.NAME, keycloak.exitCode(), keycloak.logFile().toString());
			}
			for (ServiceProcess service : platform.services()) {
				if (service.isAlive()) {
					anyAlive = true;
				}
				else if (reported.add(service.name())) {
					reportExit(platform, service.name(), service.exitCode(), service.logFile().toString());
				}
			}
			if (!anyAlive) {
				if (!platform.isClosed()) {
					out.println("All components have stopped.");
				}
				return;
			}
			Thread.sleep(WATCH_INTERVAL.toMillis());
		}
	}

	private void reportExit(Platform platform, String name, int exitCode, String logFile) {
		if (!platform.isClosed()) {
			out.println(name + " stopped (exit code " + exitCode + "); log: " + logFile);
		}
	}

}
