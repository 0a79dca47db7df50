package dev.gatehouse.test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's root, for tests that read or run its files (compose, manifests, the
 * realm, docs). Found rather than assumed: modules sit at different depths (gateway/,
 * tests/e2e-tests/), and a test runs in its module's directory.
 */
public final class Repository {

	/** The file that marks the root, beside the root pom.xml. */
	public static final String MARKER = "gatehouse.yaml";

	/** The root above the directory this JVM runs in. */
	public static final Path ROOT = root(Path.of("").toAbsolutePath());

	private Repository() {
	}

	/** The nearest directory from here upwards with gatehouse.yaml beside a pom.xml. */
	public static Path root(Path from) {
		for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve(MARKER)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No " + MARKER + " beside a pom.xml in " + from + " or above");
	}

}
