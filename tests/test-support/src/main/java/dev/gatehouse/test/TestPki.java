package dev.gatehouse.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.gatehouse.pki.DevPki;

/**
 * One development PKI per test JVM, in a temporary directory, for tests of the secure
 * profile.
 */
public final class TestPki {

	private static Path directory;

	private TestPki() {
	}

	public static synchronized Path shared() {
		if (directory == null) {
			try {
				directory = Files.createTempDirectory("gatehouse-pki");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			DevPki.in(directory).createIfMissing();
		}
		return directory;
	}

}
