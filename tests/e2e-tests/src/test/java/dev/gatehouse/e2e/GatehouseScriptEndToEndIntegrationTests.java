package dev.gatehouse.e2e;

import dev.gatehouse.test.Repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's {@code ./gatehouse apikey new <partner>}, run as a user runs it. */
class GatehouseScriptEndToEndIntegrationTests {

	@Test
	void apikeyNewPrintsAKeyOnceAndTheHashToConfigure() throws Exception {
		String output = run("apikey", "new", "acme");

		Matcher key = Pattern.compile("(ghk_live_acme_[0-9a-f]{32})").matcher(output);
		Matcher hash = Pattern.compile("sha256: ([0-9a-f]{64})").matcher(output);
		assertThat(key.find()).as(output).isTrue();
		assertThat(hash.find()).as(output).isTrue();
		assertThat(hash.group(1)).isEqualTo(sha256(key.group(1)));
		assertThat(output).contains("partner: acme").contains("status: active");
	}

	private static String run(String... arguments) throws IOException, InterruptedException {
		Path root = Repository.ROOT;
		String[] command = new String[arguments.length + 1];
		command[0] = root.resolve("gatehouse").toString();
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private static String sha256(String text) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
