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
 * Gives every web application with the starter the security-relevant settings they all
 * need, added last, so whatever the application sets itself wins:
 * {@code web-defaults.yaml} for the gateway (WebFlux) and the services alike (no stack
 * traces or messages in error bodies, read-only actuator endpoints on a loopback
 * management port, tracing sampled), and {@code service-defaults.yaml} on top for servlet
 * services (unknown JSON fields refused, no open session in view, a page-size cap). The
 * gateway does not get the latter: it reads JSON from other systems and has no JPA.
 * <p>
 * An environment post-processor rather than {@code spring.config.import}: an import is a
 * line each application must remember to write, and forgetting it is silent; this applies
 * to every application that has the starter.
 */
public class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

	static final String NAME = "gatehouse-service-defaults";

	static final String WEB_NAME = "gatehouse-web-defaults";

	static final String LOCATION = "dev/gatehouse/security/service-defaults.yaml";

	static final String WEB_LOCATION = "dev/gatehouse/security/web-defaults.yaml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		WebApplicationType type = application.getWebApplicationType();
		if (type == WebApplicationType.NONE || environment.getPropertySources().contains(WEB_NAME)) {
			return;
		}
		if (type == WebApplicationType.SERVLET) {
			environment.getPropertySources().addLast(load(NAME, LOCATION));
		}
		environment.getPropertySources().addLast(load(WEB_NAME, WEB_LOCATION));
	}

	/**
	 * After Spring Boot's config data processor, so nothing it loads ends up below these
	 * defaults.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	static PropertySource<?> load(String name, String location) {
		try {
			List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load(name, new ClassPathResource(location));
			return loaded.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The starter's " + location + " could not be read", ex);
		}
	}

}
