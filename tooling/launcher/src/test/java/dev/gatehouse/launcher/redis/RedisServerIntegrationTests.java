package dev.gatehouse.launcher.redis;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.launcher.process.Executables;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.launcher.process.RunDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real redis-server on the PATH (CI installs it), as {@code ./gatehouse up} runs it.
 */
class RedisServerIntegrationTests {

	@Test
	void startsAnswersPingIsRecordedForStatusAndDownAndStops(@TempDir Path state) {
		Path binary = Executables.onPath("redis-server")
			.orElseThrow(
					() -> new IllegalStateException("redis-server is not on the PATH (apt-get install redis-server)"));
		int port = Ports.free(1).get(0);
		RunDirectory run = new RunDirectory(state);

		try (RedisServer redis = RedisServer.launch(binary, port, state, run, Duration.ofSeconds(20))) {
			assertThat(RedisServer.isHealthy(RedisServer.url(port))).isTrue();
			assertThat(run.record(RedisServer.NAME)).get()
				.satisfies(record -> assertThat(record.url()).isEqualTo("redis://127.0.0.1:" + port));
		}

		assertThat(RedisServer.isHealthy(RedisServer.url(port))).isFalse();
		assertThat(run.record(RedisServer.NAME)).isEmpty();
	}

}
