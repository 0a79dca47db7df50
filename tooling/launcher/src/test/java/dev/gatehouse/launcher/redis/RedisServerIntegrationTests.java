package dev.gatehouse.launcher.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.cli.Cli;
import dev.gatehouse.launcher.process.Executables;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.launcher.process.RunDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real redis-server on the PATH (CI installs it), as {@code ./gatehouse up} runs it.
 */
class RedisServerIntegrationTests {

	@Test
	void startsAnswersPingIsRecordedForStatusAndDownAndStops(@TempDir Path state) {
		int port = Ports.free(1).get(0);
		RunDirectory run = new RunDirectory(state);

		try (RedisServer redis = RedisServer.launch(binary(), port, state, run, Duration.ofSeconds(20))) {
			assertThat(RedisServer.isHealthy(RedisServer.url(port))).isTrue();
			assertThat(run.record(RedisServer.NAME)).get()
				.satisfies(record -> assertThat(record.url()).isEqualTo("redis://127.0.0.1:" + port));
		}

		assertThat(RedisServer.isHealthy(RedisServer.url(port))).isFalse();
		assertThat(run.record(RedisServer.NAME)).isEmpty();
	}

	/**
	 * What the gateway keeps there (API keys rotated or revoked through the key API,
	 * sessions) survives {@code down} then {@code up}; {@code reset} forgets it.
	 */
	@Test
	void keepsItsDataInTheStateFolderAcrossARestartUntilReset(@TempDir Path repo) throws IOException {
		Path state = repo.resolve(".gatehouse");
		int port = Ports.free(1).get(0);
		RunDirectory run = new RunDirectory(state);

		try (RedisServer redis = RedisServer.launch(binary(), port, state, run, Duration.ofSeconds(20))) {
			assertThat(command(port, "SET", "gatehouse:api-keys:id:kept", "revoked")).isEqualTo("+OK");
		}
		assertThat(state.resolve(RedisServer.DATA)).isDirectory();
		try (RedisServer redis = RedisServer.launch(binary(), port, state, run, Duration.ofSeconds(20))) {
			assertThat(command(port, "GET", "gatehouse:api-keys:id:kept")).isEqualTo("$7\r\nrevoked");
		}

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int reset = new Cli(PlatformConfig.defaults(repo), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
			.run("reset");
		assertThat(reset).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Deleted " + state.resolve(RedisServer.DATA));
		try (RedisServer redis = RedisServer.launch(binary(), port, state, run, Duration.ofSeconds(20))) {
			assertThat(command(port, "GET", "gatehouse:api-keys:id:kept")).isEqualTo("$-1");
		}
	}

	private static Path binary() {
		return Executables.onPath("redis-server")
			.orElseThrow(
					() -> new IllegalStateException("redis-server is not on the PATH (apt-get install redis-server)"));
	}

	/** One command in Redis's protocol; the reply without its last line end. */
	private static String command(int port, String... arguments) throws IOException {
		StringBuilder request = new StringBuilder("*" + arguments.length + "\r\n");
		for (String argument : arguments) {
			request.append('$').append(argument.length()).append("\r\n").append(argument).append("\r\n");
		}
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[256];
			int read = in.read(reply);
			String text = new String(reply, 0, read, StandardCharsets.US_ASCII);
			if (text.startsWith("$") && !text.startsWith("$-1") && text.indexOf("\r\n") == text.lastIndexOf("\r\n")) {
				// The bulk string's value came in a second packet.
				int more = in.read(reply);
				text += new String(reply, 0, more, StandardCharsets.US_ASCII);
			}
			return text.strip();
		}
	}

}
