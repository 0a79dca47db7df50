package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Port checks done before anything starts, so a clash is reported by name instead of as a bind error in a log. */
public final class Ports {

	private Ports() {
	}

	/**
	 * @param labelledPorts port number to what needs it, e.g. {@code 8081 -> "customer-service HTTP"}
	 * @throws StartupException naming the first port that is taken
	 */
	public static void requireFree(Map<Integer, String> labelledPorts) {
		labelledPorts.forEach((port, label) -> {
			if (isInUse(port)) {
				throw new StartupException(inUseMessage(port, label));
			}
		});
	}

	static String inUseMessage(int port, String label) {
		return "port " + port + " (" + label + ") is already in use: stop what listens there"
				+ " (./gatehouse status; ss -ltnp 'sport = :" + port + "') and try again";
	}

	/** True when something listens on the port, on the loopback or on all addresses. */
	public static boolean isInUse(int port) {
		return !canBind(new InetSocketAddress(port)) || !canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
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

	/** Distinct ports that were free a moment ago; all are held open together so none is handed out twice. */
	public static List<Integer> free(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports.add(socket.getLocalPort());
			}
			return List.copyOf(ports);
		}
		catch (IOException ex) {
			throw new StartupException("could not find free ports: " + ex.getMessage(), ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ignored) {
					// Closing a socket that only reserved a number cannot lose anything.
				}
			}
		}
	}
}
