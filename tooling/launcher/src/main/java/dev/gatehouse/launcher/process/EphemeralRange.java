package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ports the kernel hands out as the local end of outgoing connections. */
record EphemeralRange(int low, int high) {

	private static final Path LINUX = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	/** IANA's dynamic range, which macOS and Windows use. */
	static final EphemeralRange IANA = new EphemeralRange(49152, 65535);

	static EphemeralRange current() {
		try {
			// Not Files.readString: on JDK 17 it returned just "3" for this file, whose
			// size /proc gives as 0.
			String[] bounds = Files.readAllLines(LINUX).get(0).trim().split("\\s+");
			return new EphemeralRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
		}
		catch (IOException | RuntimeException ex) {
			return IANA;
		}
	}

	boolean contains(int port) {
		return port >= low && port <= high;
	}
}
