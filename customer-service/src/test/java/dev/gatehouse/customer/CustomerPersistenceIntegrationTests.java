package dev.gatehouse.customer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.test.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code postgres} profile against a real PostgreSQL (Testcontainers where Docker
 * runs, else embedded binaries): Flyway migrates, the demo data is there, constraints and
 * optimistic locking hold.
 */
@SpringBootTest(properties = "gatehouse.security.issuer-uri=http://localhost:1/realms/gatehouse")
@ActiveProfiles("postgres")
class CustomerPersistenceIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.Connection db = TestPostgres.get();
		registry.add("CUSTOMER_DB_URL", db::jdbcUrl);
		registry.add("CUSTOMER_DB_USERNAME", db::username);
		registry.add("CUSTOMER_DB_PASSWORD", db::password);
	}

	@Autowired
	CustomerRepository customers;

	@Test
	void migrationsCreateTheSchemaAndTheDemoCustomers() {
		assertThat(this.customers.findFirstByOwner("alice")).get().extracting(Customer::getId).isEqualTo("C-1001");
		assertThat(this.customers.findFirstByOwner("frank")).get().extracting(Customer::getId).isEqualTo("C-1002");
	}

	@Test
	void newCustomersGetIdsFromTheSequenceAboveTheDemoData() {
		Customer saved = this.customers.saveAndFlush(new Customer(null, "Jo Jones", "jo@example.com"));
		assertThat(Customer.number(saved.getId())).isGreaterThanOrEqualTo(2000L);
		assertThat(this.customers.findById(Customer.number(saved.getId()))).isPresent();
	}

	@Test
	void oneLoginOwnsAtMostOneRecord() {
		assertThatThrownBy(() -> this.customers.saveAndFlush(new Customer("alice", "Alice Again", "a@example.com")))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void concurrentUpdatesDoNotSilentlyOverwriteEachOther() {
		Customer first = this.customers.findById(1002L).orElseThrow();
		Customer second = this.customers.findById(1002L).orElseThrow();
		first.update("Frank F.", "frank@example.com");
		this.customers.saveAndFlush(first);
		second.update("Frank Stale", "frank@example.com");
		assertThatThrownBy(() -> this.customers.saveAndFlush(second))
			.isInstanceOf(ObjectOptimisticLockingFailureException.class);
	}

}
