package dev.gatehouse.launcher.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpProbeTests {

	@Test
	void actuatorStatusMustBeUp() {
		assertThat(HttpProbe.statusIsUpOrAbsent("{\"status\":\"UP\",\"groups\":[\"liveness\"]}")).isTrue();
		assertThat(HttpProbe.statusIsUpOrAbsent("{\"status\":\"DOWN\"}")).isFalse();
		assertThat(HttpProbe.statusIsUpOrAbsent("{\"status\":\"OUT_OF_SERVICE\"}")).isFalse();
	}

	@Test
	void bodiesWithoutStatusCountAsHealthy() {
		assertThat(HttpProbe.statusIsUpOrAbsent("{\"issuer\":\"http://localhost:8180/realms/gatehouse\"}")).isTrue();
		assertThat(HttpProbe.statusIsUpOrAbsent("<html></html>")).isTrue();
	}

	@Test
	void nothingListeningIsUnhealthy() {
		int port = Ports.free(1).get(0);

		assertThat(HttpProbe.isHealthy("http://127.0.0.1:" + port + "/actuator/health")).isFalse();
	}

}
