package dev.gatehouse.launcher.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gatehouse.launcher.process.ManagedProcess;
import dev.gatehouse.launcher.process.RunDirectory;

/**
 * The gateway's shared rate-limit store, started before the gateway when a
 * {@code redis-server} is on the PATH: loopback only, nothing persisted (counters of a
 * local run are worth nothing after it). Without it the gateway counts in memory.
 */
public final class RedisServer implements AutoCloseable {

	public static final String NAME = "redis";

	private final ManagedProcess process;

	private RedisServer(ManagedProcess process) {
		this.process = process;
	}

	public static RedisServer launch(Path binary, int port, Path workingDirectory, RunDirectory run, Duration timeout) {
		ManagedProcess process = ManagedProcess.start(NAME, List.of(binary.toString(), "--port", Integer.toString(port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no"), Map.of(), workingDirectory, url(port),
				url(port), run);
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
