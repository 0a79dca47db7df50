package dev.gatehouse.launcher.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RunDirectoryTests {

	@TempDir
	Path state;

	@Test
	void recordsRoundTripInStartOrderWithAPlainPidFile() throws Exception {
		RunDirectory run = new RunDirectory(state);
		ProcessHandle self = ProcessHandle.current();
		Instant started = self.info().startInstant().orElse(null);
		run.write(new RunRecord("policy-service", self.pid(), started == null ? null : started.plusSeconds(5),
				"http://127.0.0.1:8082", "http://127.0.0.1:9082/actuator/health", run.logFile("policy-service")));
		run.write(new RunRecord("keycloak", self.pid(), started, "http://localhost:8180", "http://x",
				run.logFile("keycloak")));

		assertThat(run.records()).extracting(RunRecord::name).containsExactly("keycloak", "policy-service");
		assertThat(Files.readString(state.resolve("run/keycloak.pid")).strip()).isEqualTo(Long.toString(self.pid()));
		assertThat(run.record("keycloak").orElseThrow().liveProcess()).isPresent();
		assertThat(run.logFile("keycloak")).isEqualTo(state.resolve("logs/keycloak.log"));

		run.remove("keycloak");

		assertThat(run.record("keycloak")).isEmpty();
		assertThat(state.resolve("run/keycloak.pid")).doesNotExist();
	}

	@Test
	void aRecycledPidIsNotTakenForTheRecordedProcess() {
		ProcessHandle self = ProcessHandle.current();
		RunRecord record = new RunRecord("keycloak", self.pid(), Instant.parse("2001-01-01T00:00:00Z"), "u", "h",
				state);

		assertThat(record.liveProcess()).isEmpty();
	}

	@Test
	void anEmptyStateFolderHasNoRecords() {
		assertThat(new RunDirectory(state.resolve("missing")).records()).isEmpty();
	}

}
