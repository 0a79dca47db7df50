package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Port checks done before anything starts, so a clash is reported by name instead of as a
 * bind error in a log.
 */
public final class Ports {

	private Ports() {
	}

	/**
	 * @param labelledPorts port number to what needs it, e.g.
	 * {@code 8081 -> "customer-service HTTP"}
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
		return !canBind(new InetSocketAddress(port))
				|| !canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
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

	/**
	 * Distinct ports that nothing listens on, drawn at random from below the kernel's
	 * ephemeral range. Binding port 0 would hand out a port from that range, which any
	 * outgoing connection may take as its local end before the component binds it: Redis,
	 * started 20 s after its port was chosen (once Keycloak was ready), once failed to
	 * bind it in CI.
	 */
	public static List<Integer> free(int count) {
		return free(count, PortRange.outsideEphemeral(EphemeralRange.current()));
	}

	static List<Integer> free(int count, PortRange range) {
		Set<Integer> chosen = new LinkedHashSet<>();
		int attempts = 0;
		while (chosen.size() < count) {
			if (attempts++ > count * 200) {
				throw new StartupException("could not find " + count + " free ports in " + range);
			}
			int port = range.random();
			if (!chosen.contains(port) && !isInUse(port)) {
				chosen.add(port);
			}
		}
		return List.copyOf(chosen);
	}

}
