package dev.gatehouse.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Gives every servlet service the security-relevant settings they all need (unknown JSON
 * fields refused, no stack traces or messages in error bodies, no open session in view, a
 * page-size cap, read-only actuator endpoints on a loopback management port, tracing
 * sampled) from {@code service-defaults.yaml}, added last, so whatever the service sets
 * itself wins.
 * <p>
 * An environment post-processor rather than {@code spring.config.import}: an import is a
 * line each service must remember to write, and forgetting it is silent; this applies to
 * every service that has the starter. Only servlet applications: the gateway (WebFlux)
 * reads JSON from other systems and configures its own.
 */
public class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

	static final String NAME = "gatehouse-service-defaults";

	static final String LOCATION = "dev/gatehouse/security/service-defaults.yaml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (application.getWebApplicationType() != WebApplicationType.SERVLET
				|| environment.getPropertySources().contains(NAME)) {
			return;
		}
		environment.getPropertySources().addLast(defaults());
	}

	/**
	 * After Spring Boot's config data processor, so nothing it loads ends up below these
	 * defaults.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	static PropertySource<?> defaults() {
		try {
			List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load(NAME, new ClassPathResource(LOCATION));
			return loaded.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The starter's " + LOCATION + " could not be read", ex);
		}
	}

}
