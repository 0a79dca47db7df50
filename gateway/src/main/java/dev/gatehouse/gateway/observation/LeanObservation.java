package dev.gatehouse.gateway.observation;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Applies {@code gatehouse.gateway.observation.lean} as the Spring Boot settings it
 * stands for, which Spring Boot reads while it builds the observation handlers and the
 * Redis client, before any bean of the gateway could change them: hence an environment
 * post-processor. The settings are added below everything the application and the
 * deployment set, so an explicit Spring Boot setting still wins.
 */
public class LeanObservation implements EnvironmentPostProcessor, Ordered {

	static final String NAME = "gatehouse-lean-observation";

	static final Map<String, Object> SETTINGS = Map.of(
			// No in-flight gauge (long-task timer) started and stopped for every
			// observation.
			"management.metrics.observations.ignored-meters", "long-task-timer",
			// No observation, span or timer for each Redis command.
			"management.observations.enable.lettuce", "false");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ObservationProperties observation = Binder.get(environment)
			.bind(ObservationProperties.PREFIX, ObservationProperties.class)
			.orElseGet(() -> new ObservationProperties(false));
		if (observation.lean() && !environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(NAME, SETTINGS));
		}
	}

	/**
	 * After Spring Boot's config data processor (so the setting can come from any
	 * configuration file) and before the starter's defaults, which are added last too.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
