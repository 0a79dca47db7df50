package dev.gatehouse.gateway.apidocs;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsBackendsTests {

	@Test
	void backendsKeepTheirNamesWhenEnvironmentVariablesOverrideTheirUris() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application.yaml", Map.of("gatehouse.backends.customer-service",
					"http://127.0.0.1:8081", "gatehouse.backends.policy-service", "http://127.0.0.1:8082")));
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("compose-systemEnvironment",
					Map.of("GATEHOUSE_BACKENDS_CUSTOMERSERVICE", "https://customer-service:8081",
							"GATEHOUSE_BACKENDS_POLICYSERVICE", "https://policy-service:8082")));
		// As Spring Boot does at start-up: names then resolve relaxed (a source named
		// *-systemEnvironment is read as environment variables).
		ConfigurationPropertySources.attach(environment);

		assertThat(ApiDocsConfiguration.backends(environment)).containsExactly(
				Map.entry("customer-service", URI.create("https://customer-service:8081")),
				Map.entry("policy-service", URI.create("https://policy-service:8082")));
	}

	@Test
	void backendsOfApplicationYamlAloneAreTakenAsTheyAre() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application.yaml",
					Map.of("gatehouse.backends.customer-service", "http://127.0.0.1:8081")));

		assertThat(ApiDocsConfiguration.backends(environment))
			.containsExactly(Map.entry("customer-service", URI.create("http://127.0.0.1:8081")));
	}

}
