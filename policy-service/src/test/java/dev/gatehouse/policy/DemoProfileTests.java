package dev.gatehouse.policy;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the demo profile (as in the Kubernetes prod overlay) Flyway creates the schema
 * and seeds no row. Only the packaged application.yaml is read, so this module's test
 * configuration, which adds the demo profile for every other test, does not apply; its
 * own in-memory database keeps it apart from the other tests' demo rows.
 */
@SpringBootTest(properties = { "spring.config.location=classpath:/application.yaml",
		"spring.datasource.url=jdbc:h2:mem:policies-without-demo;DB_CLOSE_DELAY=-1",
		"gatehouse.security.issuer-uri=http://localhost:1/realms/gatehouse",
		"POLICY_SERVICE_CLIENT_SECRET=" + TestBackends.CLIENT_SECRET })
class DemoProfileTests {

	@Autowired
	PolicyRepository policies;

	@Autowired
	Flyway flyway;

	@Test
	void withoutTheDemoProfileTheSchemaIsThereAndNoRowIsSeeded() {
		assertThat(this.policies.count()).isZero();
		assertThat(this.flyway.info().applied()).extracting(MigrationInfo::getDescription).containsExactly("policy");
	}

}
