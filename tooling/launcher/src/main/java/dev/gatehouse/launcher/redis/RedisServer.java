package dev.gatehouse.launcher.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gatehouse.launcher.process.ManagedProcess;
import dev.gatehouse.launcher.process.RunDirectory;

/**
 * The gateway's Redis, started before the gateway when a {@code redis-server} is on the
 * PATH: loopback only, its rate-limit counters, the partners' API keys and the portal's
 * sessions kept in an append-only file in {@code <state>/redis}, as compose and
 * Kubernetes keep them on a volume, so that {@code down} then {@code up} keeps rotated
 * keys and revocations; {@code ./gatehouse reset} deletes the folder. Without it the
 * gateway keeps all of that in memory.
 */
public final class RedisServer implements AutoCloseable {

	public static final String NAME = "redis";

	/** The folder of the append-only file, under the state folder. */
	public static final String DATA = "redis";

	private final ManagedProcess process;

	private RedisServer(ManagedProcess process) {
		this.process = process;
	}

	/**
	 * @param state the state folder: the append-only file goes to its {@value #DATA}
	 * subfolder
	 */
	public static RedisServer launch(Path binary, int port, Path state, RunDirectory run, Duration timeout) {
		Path data = state.resolve(DATA);
		try {
			Files.createDirectories(data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// fsync once a second, as compose and Kubernetes: a crash loses at most the last
		// second; a stop (down) flushes everything.
		ManagedProcess process = ManagedProcess.start(NAME,
				List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir",
						data.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""),
				Map.of(), state, url(port), url(port), run);
		RedisServer server = new RedisServer(process);
		try {
			process.awaitReady(() -> answersPing(port), timeout);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	/** {@code redis://127.0.0.1:<port>}, as {@code status} shows it. */
	public static String url(int port) {
		return "redis://127.0.0.1:" + port;
	}

	/** Whether a Redis at {@code redis://host:port} answers PING. */
	public static boolean isHealthy(String url) {
		return answersPing(Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)));
	}

	static boolean answersPing(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(1000);
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

	@Override
	public void close() {
		process.stop();
	}

}
