package dev.gatehouse.customer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import dev.gatehouse.security.test.WithTestIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security-relevant settings this service's application.yaml does not name still
 * hold: they come from the starter, so a service cannot forget one.
 */
@WithTestIssuer
@SpringBootTest
@AutoConfigureMockMvc
class ServiceDefaultsTests {

	@Autowired
	Environment environment;

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '=',
			value = { "spring.jackson.deserialization.fail-on-unknown-properties=true",
					"server.error.include-stacktrace=never", "server.error.include-message=never",
					"spring.jpa.open-in-view=false", "spring.data.web.pageable.max-page-size=100",
					"management.server.address=127.0.0.1",
					"management.endpoints.web.exposure.include=health,info,prometheus,metrics",
					"management.tracing.sampling.probability=0.1" })
	void settingTheServiceDoesNotNameComesFromTheStarter(String name, String value) throws Exception {
		for (PropertySource<?> own : new YamlPropertySourceLoader().load("own",
				new ClassPathResource("application.yaml"))) {
			assertThat(own.containsProperty(name)).as("application.yaml names " + name).isFalse();
		}
		assertThat(this.environment.getProperty(name)).isEqualTo(value);
	}

}
