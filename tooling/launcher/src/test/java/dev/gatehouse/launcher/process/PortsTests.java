package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTests {

	@Test
	void aPortTakenOnTheLoopbackIsReportedWithItsComponent() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();

			assertThat(Ports.isInUse(port)).isTrue();
			assertThatThrownBy(() -> Ports.requireFree(Map.of(port, "customer-service HTTP")))
				.isInstanceOf(StartupException.class)
				.hasMessageStartingWith("port " + port + " (customer-service HTTP) is already in use");
		}
	}

	@Test
	void aPortTakenOnAllAddressesIsInUseToo() throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			assertThat(Ports.isInUse(taken.getLocalPort())).isTrue();
		}
	}

	@Test
	void freePortsAreDistinctAndFree() {
		List<Integer> ports = Ports.free(6);

		assertThat(new HashSet<>(ports)).hasSize(6);
		ports.forEach(port -> assertThat(Ports.isInUse(port)).isFalse());
		assertThatCode(() -> Ports.requireFree(Map.of(ports.get(0), "anything"))).doesNotThrowAnyException();
	}

	@Test
	void freePortsLieOutsideTheRangeOutgoingConnectionsTakeTheirLocalPortFrom() {
		EphemeralRange ephemeral = EphemeralRange.current();

		assertThat(Ports.free(50))
			.allSatisfy(port -> assertThat(ephemeral.contains(port)).as("port %d", port).isFalse());
	}

	@Test
	void theEphemeralRangeIsWhereTheKernelReallyTakesLocalPortsFrom() throws IOException {
		EphemeralRange ephemeral = EphemeralRange.current();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThat(ephemeral.contains(server.getLocalPort())).as("port %d", server.getLocalPort()).isTrue();
			for (int i = 0; i < 20; i++) {
				try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
						Socket accepted = server.accept()) {
					assertThat(ephemeral.contains(client.getLocalPort())).as("port %d", client.getLocalPort()).isTrue();
				}
			}
		}
	}

	@Test
	void portsAreChosenBelowTheEphemeralRangeWhenThereIsRoomElseAboveIt() {
		assertThat(PortRange.outsideEphemeral(new EphemeralRange(32768, 60999))).isEqualTo(new PortRange(10000, 32767));
		assertThat(PortRange.outsideEphemeral(new EphemeralRange(1024, 40000))).isEqualTo(new PortRange(40001, 65535));
		assertThat(PortRange.outsideEphemeral(new EphemeralRange(1024, 65000))).isEqualTo(new PortRange(10000, 65535));
	}

	@Test
	void aRangeWithoutEnoughFreePortsIsReportedInsteadOfSearchedForever() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();

			assertThatThrownBy(() -> Ports.free(1, new PortRange(port, port))).isInstanceOf(StartupException.class)
				.hasMessage("could not find 1 free ports in " + port + "-" + port);
		}
	}

}
