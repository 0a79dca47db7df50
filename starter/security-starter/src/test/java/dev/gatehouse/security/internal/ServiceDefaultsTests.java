package dev.gatehouse.security.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service and the gateway get the security-relevant defaults without naming them, and
 * can still override each.
 */
class ServiceDefaultsTests {

	@Test
	void aServiceWhoseOwnFileNamesNoneOfThemGetsEveryDefault() {
		StandardEnvironment environment = environment(Map.of("spring.application.name", "third-service"));
		new ServiceDefaults().postProcessEnvironment(environment, application(WebApplicationType.SERVLET));
		assertThat(environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties"))
			.isEqualTo("true");
		assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
		assertThat(environment.getProperty("server.error.include-message")).isEqualTo("never");
		assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
		assertThat(environment.getProperty("spring.data.web.pageable.max-page-size")).isEqualTo("100");
		assertThat(environment.getProperty("spring.data.web.pageable.serialization-mode")).isEqualTo("via-dto");
		assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus,metrics");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
	}

	@Test
	void whatTheServiceSetsItselfWins() {
		StandardEnvironment environment = environment(
				Map.of("management.tracing.sampling.probability", "1.0", "management.server.address", "0.0.0.0"));
		new ServiceDefaults().postProcessEnvironment(environment, application(WebApplicationType.SERVLET));
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
		assertThat(environment.getProperty("management.server.address")).isEqualTo("0.0.0.0");
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(ServiceDefaults.WEB_NAME);
	}

	@Test
	void theGatewayGetsTheErrorManagementAndTracingDefaultsButReadsOtherSystemsJsonLeniently() {
		StandardEnvironment environment = environment(Map.of());
		new ServiceDefaults().postProcessEnvironment(environment, application(WebApplicationType.REACTIVE));
		assertThat(environment.getProperty("server.error.include-stacktrace")).isEqualTo("never");
		assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus,metrics");
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
		assertThat(environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties")).isNull();
		assertThat(environment.getProperty("spring.jpa.open-in-view")).isNull();
	}

	@Test
	void anApplicationWithoutAWebServerGetsNone() {
		StandardEnvironment environment = environment(Map.of());
		new ServiceDefaults().postProcessEnvironment(environment, application(WebApplicationType.NONE));
		assertThat(environment.getProperty("management.server.address")).isNull();
	}

	@Test
	void everyApplicationWithTheStarterRunsIt() {
		// Other post-processors on this classpath need Spring Boot's bootstrap arguments:
		// skipped here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(EnvironmentPostProcessor.class, FailureHandler.handleMessage((message, failure) -> {
			}))).anyMatch(ServiceDefaults.class::isInstance);
	}

	private static StandardEnvironment environment(Map<String, Object> own) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application.yaml", own));
		return environment;
	}

	private static SpringApplication application(WebApplicationType type) {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(type);
		return application;
	}

}
