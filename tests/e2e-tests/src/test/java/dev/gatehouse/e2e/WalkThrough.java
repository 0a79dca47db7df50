package dev.gatehouse.e2e;

import dev.gatehouse.test.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A walk-through of the documentation, run as a user runs it: the first {@code sh} block
 * after a {@code <!-- marker} comment of a page, with the documented addresses replaced
 * by the running platform's, run by bash from a directory of the test's own.
 */
final class WalkThrough {

	static final Path ROOT = Repository.ROOT;

	private String commands;

	private WalkThrough(String commands) {
		this.commands = commands;
	}

	/**
	 * The block marked {@code <!-- marker} in the page (a path from the repository's
	 * root).
	 */
	static WalkThrough of(String page, String marker) {
		String text = read(ROOT.resolve(page));
		int at = text.indexOf("<!-- " + marker);
		assertThat(at).as("the walk-through <!-- %s in %s", marker, page).isPositive();
		int start = text.indexOf("```sh\n", at) + "```sh\n".length();
		return new WalkThrough(text.substring(start, text.indexOf("```", start)));
	}

	WalkThrough replace(String documented, String actual) {
		assertThat(this.commands).as("the walk-through names %s", documented).contains(documented);
		this.commands = this.commands.replace(documented, actual);
		return this;
	}

	/**
	 * Runs the commands (bash -euo pipefail) and returns what they printed, once they
	 * succeeded.
	 */
	String run(Path directory) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", this.commands)
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private static String read(Path page) {
		try {
			return Files.readString(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
