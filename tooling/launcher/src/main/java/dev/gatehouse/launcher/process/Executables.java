package dev.gatehouse.launcher.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs on the PATH, the way a shell would. */
public final class Executables {

	private Executables() {
	}

	public static Optional<Path> onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (dir.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(dir, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * The java launcher of the running JVM, so every component runs on the Java that was
	 * checked.
	 */
	public static Path currentJava() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

}
