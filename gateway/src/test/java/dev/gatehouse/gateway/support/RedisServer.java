package dev.gatehouse.gateway.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.test.FreePorts;

/**
 * A real {@code redis-server} for tests, run as a process without Docker: no persistence
 * (or an append-only file in a folder, as compose and Kubernetes run it), loopback only,
 * on a free port that stays the same across {@link #stop()} and {@link #start()}. Fails,
 * never skips, when the binary is missing ({@code .ci/run} installs it).
 */
public final class RedisServer implements AutoCloseable {

	private final Path binary;

	private final int port;

	/** Where the append-only file is kept; null: nothing persisted. */
	private final Path directory;

	private Process process;

	private RedisServer(Path binary, int port, Path directory) {
		this.binary = binary;
		this.port = port;
		this.directory = directory;
	}

	public static RedisServer startOnFreePort() {
		return started(new RedisServer(findBinary(), FreePorts.outsideEphemeralRange(), null));
	}

	/**
	 * With the settings of docker-compose.yml and k8s/base/redis.yaml: an append-only
	 * file in {@code directory}, fsync once a second, no snapshots.
	 */
	public static RedisServer startOnFreePortWithAppendOnlyFile(Path directory) {
		return started(new RedisServer(findBinary(), FreePorts.outsideEphemeralRange(), directory));
	}

	private static RedisServer started(RedisServer server) {
		server.start();
		// A process outlives the JVM: stop it even when a test class fails before its own
		// cleanup.
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	public int port() {
		return this.port;
	}

	/** Starts the server, unless it is running. */
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		try {
			List<String> command = new ArrayList<>(List.of(this.binary.toString(), "--port",
					Integer.toString(this.port), "--bind", "127.0.0.1", "--save", ""));
			if (this.directory != null) {
				command.addAll(List.of("--dir", this.directory.toString(), "--appendonly", "yes", "--appendfsync",
						"everysec"));
			}
			else {
				command.addAll(List.of("--appendonly", "no"));
			}
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Instant deadline = Instant.now().plusSeconds(10);
		while (!answersPing()) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("redis-server did not answer PING on port " + this.port);
			}
			sleep(Duration.ofMillis(20));
		}
	}

	public synchronized void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.read(reply);
			return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path findBinary() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("redis-server is not on the PATH; the rate-limit tests need a real Redis "
				+ "(Debian/Ubuntu: apt-get install redis-server; .ci/run installs it)");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
