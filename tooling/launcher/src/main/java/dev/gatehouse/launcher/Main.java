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

	public static void main(String[] args) {
		Path root = Path.of(System.getProperty("gatehouse.root", "")).toAbsolutePath().normalize();
		int exit = new Cli(PlatformConfig.defaults(root), System.out, System.err).run(args);
		// Explicit, so that no lingering client thread keeps the JVM; started components
		// are not affected.
		System.exit(exit);
	}

}
