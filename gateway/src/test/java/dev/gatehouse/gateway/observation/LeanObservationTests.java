package dev.gatehouse.gateway.observation;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LeanObservationTests {

	@Test
	void leanLeavesOutInFlightGaugesAndRedisCommandObservations() {
		StandardEnvironment environment = environment(Map.of("gatehouse.gateway.observation.lean", "true"));
		new LeanObservation().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.metrics.observations.ignored-meters"))
			.isEqualTo("long-task-timer");
		assertThat(environment.getProperty("management.observations.enable.lettuce")).isEqualTo("false");
	}

	@Test
	void anExplicitSpringBootSettingWinsOverLean() {
		StandardEnvironment environment = environment(
				Map.of("gatehouse.gateway.observation.lean", "true", "management.observations.enable.lettuce", "true"));
		new LeanObservation().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.observations.enable.lettuce")).isEqualTo("true");
	}

	@Test
	void observationIsUnchangedUnlessLeanIsOn() {
		StandardEnvironment environment = environment(Map.of());
		new LeanObservation().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(LeanObservation.NAME)).isFalse();
		assertThat(environment.getProperty("management.metrics.observations.ignored-meters")).isNull();
	}

	@Test
	void aValueThatIsNotABooleanFailsTheStartNamingTheSetting() {
		StandardEnvironment environment = environment(Map.of("gatehouse.gateway.observation.lean", "mostly"));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> new LeanObservation().postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("gatehouse.gateway.observation.lean");
	}

	private static StandardEnvironment environment(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", settings));
		return environment;
	}

}
