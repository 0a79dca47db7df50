package dev.gatehouse.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 that stands in for a compose host name (such as
 * {@code keycloak:8080}) and counts the connections made through it, so a test can tell
 * that a service really used the address its environment gave it.
 */
final class Relay implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final AtomicInteger connections = new AtomicInteger();

	Relay(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "relay-" + this.server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.connections.incrementAndGet();
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// Closed while accepting (end of the run), or the target refused: the
				// caller sees a reset.
			}
		}
	}

	private static void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// One side closed: the other is closed below.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "relay-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
