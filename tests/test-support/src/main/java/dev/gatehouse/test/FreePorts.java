package dev.gatehouse.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port for a process a test starts and restarts on the same port (a real Redis),
 * drawn from below the kernel's ephemeral range. Binding port 0 would hand out a port
 * from that range, which any outgoing connection may take as its local end while the
 * process is down. The launcher's {@code Ports} chooses the running platform's ports the
 * same way; tests of the components do not depend on the launcher.
 */
public final class FreePorts {

	/**
	 * Below this are well-known services and commonly configured ones (8080, 5432,
	 * 6379...).
	 */
	private static final int LOWEST = 10000;

	private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	/** IANA's dynamic range, which macOS and Windows use. */
	private static final int IANA_EPHEMERAL_LOW = 49152;

	private FreePorts() {
	}

	public static int outsideEphemeralRange() {
		int high = ephemeralLow() - 1;
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, high + 1);
			if (isFree(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port between " + LOWEST + " and " + high);
	}

	static int ephemeralLow() {
		try {
			// Not Files.readString: on JDK 17 it returned just "3" for this file, whose
			// size /proc gives as 0.
			int low = Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
			return (low - LOWEST >= 2000) ? low : IANA_EPHEMERAL_LOW;
		}
		catch (IOException | RuntimeException ex) {
			return IANA_EPHEMERAL_LOW;
		}
	}

	private static boolean isFree(int port) {
		return canBind(new InetSocketAddress(port))
				&& canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
	}

	private static boolean canBind(InetSocketAddress address) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(address);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
