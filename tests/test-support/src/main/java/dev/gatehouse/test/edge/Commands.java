package dev.gatehouse.test.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.test.Repository;

/**
 * Runs the command-line tools the deployment files are checked with (docker-compose,
 * kubectl, nginx, openssl). A missing tool fails the test with the package to install:
 * these checks are never skipped.
 */
public final class Commands {

	/** The repository root. */
	public static final Path ROOT = Repository.ROOT;

	private Commands() {
	}

	public record Result(int exitCode, String output) {

		public Result requireSuccess(String what) {
			if (this.exitCode != 0) {
				throw new AssertionError(what + " failed with exit code " + this.exitCode + ":\n" + this.output);
			}
			return this;
		}

	}

	public static Result run(Duration timeout, String... command) {
		return run(timeout, ROOT, command);
	}

	public static Result run(Duration timeout, Path directory, String... command) {
		List<String> resolved = new ArrayList<>(List.of(command));
		resolved.set(0, requireInstalled(command[0]).toString());
		try {
			Path output = Files.createTempFile("deploy-tests-", ".out");
			try {
				Process process = new ProcessBuilder(resolved).directory(directory.toFile())
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
					throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
				}
				return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new AssertionError("could not run " + String.join(" ", command) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while running " + command[0], ex);
		}
	}

	/** Fails with what to install when a tool is not on the PATH. */
	public static Path requireInstalled(String tool) {
		if (tool.contains("/")) {
			return Path.of(tool);
		}
		String path = System.getenv().getOrDefault("PATH", "");
		for (String dir : path.split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir, tool);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		for (String dir : List.of("/usr/sbin", "/sbin")) {
			Path candidate = Path.of(dir, tool);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new AssertionError("'" + tool + "' is not installed, so the deployment files cannot be checked. "
				+ "Install the Debian package (" + packageOf(tool) + "), as .ci/run does.");
	}

	private static String packageOf(String tool) {
		return switch (tool) {
			case "docker-compose" -> "apt-get install docker-compose";
			case "kubectl" -> "apt-get install kubectl";
			case "nginx" -> "apt-get install nginx libnginx-mod-http-modsecurity modsecurity-crs";
			case "envsubst" -> "apt-get install gettext-base";
			default -> "apt-get install " + tool;
		};
	}

}
