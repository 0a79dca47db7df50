package dev.gatehouse.test;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTests {

	@Test
	void aFreePortIsBelowTheEphemeralRangeAndCanBeBound() throws Exception {
		int port = FreePorts.outsideEphemeralRange();
		assertThat(port).isBetween(10000, FreePorts.ephemeralLow() - 1);
		try (ServerSocket socket = new ServerSocket(port)) {
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
	}

}
