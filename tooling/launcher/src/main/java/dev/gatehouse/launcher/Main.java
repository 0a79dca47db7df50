package dev.gatehouse.launcher;

import java.nio.file.Path;

import dev.gatehouse.launcher.cli.Cli;

/**
 * Entry point of {@code ./gatehouse}; the script passes the repository root as
 * {@code -Dgatehouse.root}.
 */
public final class Main {

	private Main() {
	}

	/**
	 * Set to {@code free}, {@code up} takes ports free right now instead of the
	 * contract's (a script running a platform beside another, like CI's template stage);
	 * the other commands find them in the run's records.
	 */
	static final String PORTS = "GATEHOUSE_PORTS";

	public static void main(String[] args) {
		Path root = Path.of(System.getProperty("gatehouse.root", "")).toAbsolutePath().normalize();
		PlatformConfig config = PlatformConfig.defaults(root);
		if ("free".equals(System.getenv(PORTS))) {
			config = config.withFreePorts();
		}
		int exit = new Cli(config, System.out, System.err).run(args);
		// Explicit, so that no lingering client thread keeps the JVM; started components
		// are not affected.
		System.exit(exit);
	}

}
