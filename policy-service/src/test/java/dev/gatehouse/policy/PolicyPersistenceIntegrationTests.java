package dev.gatehouse.policy;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.policy.PolicyRepository.StatusCount;
import dev.gatehouse.test.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code postgres} profile against a real PostgreSQL (Testcontainers where Docker
 * runs, else embedded binaries): Flyway migrates, the demo data is there, the queries the
 * API uses run, and constraints and optimistic locking hold.
 */
@SpringBootTest(properties = { "gatehouse.security.issuer-uri=http://localhost:1/realms/gatehouse",
		"POLICY_SERVICE_CLIENT_SECRET=" + TestBackends.CLIENT_SECRET })
@ActiveProfiles("postgres")
class PolicyPersistenceIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestPostgres.Connection db = TestPostgres.get();
		registry.add("POLICY_DB_URL", db::jdbcUrl);
		registry.add("POLICY_DB_USERNAME", db::username);
		registry.add("POLICY_DB_PASSWORD", db::password);
	}

	@Autowired
	PolicyRepository policies;

	@Test
	void migrationsCreateTheSchemaAndTheDemoPolicies() {
		assertThat(this.policies.findByHolder("alice", PageRequest.of(0, 10)).map(Policy::getId))
			.containsExactlyInAnyOrder("P-3001", "P-3002");
		assertThat(this.policies.findByPartner("acme", PageRequest.of(0, 10)).getTotalElements()).isEqualTo(3);
		assertThat(this.policies.findById(3003L)).get()
			.extracting(Policy::getPremium)
			.satisfies((premium) -> assertThat(premium).isEqualByComparingTo(Policy.Product.AUTO.premium()));
	}

	@Test
	void newPoliciesGetIdsFromTheSequenceAboveTheDemoData() {
		Policy saved = this.policies.saveAndFlush(new Policy("C-1003", null, Policy.Product.TRAVEL, null));
		assertThat(Policy.number(saved.getId())).isGreaterThanOrEqualTo(4000L);
		assertThat(this.policies.findById(Policy.number(saved.getId()))).get()
			.extracting(Policy::getStatus)
			.isEqualTo(Policy.Status.QUOTED);
	}

	@Test
	void statusCountsAreGroupedByTheDatabase() {
		assertThat(this.policies.countByStatus()).extracting(StatusCount::status)
			.contains(Policy.Status.QUOTED, Policy.Status.APPROVED, Policy.Status.REJECTED, Policy.Status.CANCELLED);
		assertThat(this.policies.countByStatus().stream().mapToLong(StatusCount::count).sum())
			.isEqualTo(this.policies.count());
	}

	@Test
	void aPolicyWithoutCustomerIsRefusedByTheDatabase() {
		assertThatThrownBy(() -> this.policies.saveAndFlush(new Policy(null, null, Policy.Product.HOME, null)))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void concurrentStatusChangesDoNotSilentlyOverwriteEachOther() {
		Policy saved = this.policies.saveAndFlush(new Policy("C-1001", "alice", Policy.Product.HOME, null));
		Policy first = this.policies.findById(Policy.number(saved.getId())).orElseThrow();
		Policy second = this.policies.findById(Policy.number(saved.getId())).orElseThrow();
		first.moveTo(Policy.Status.APPROVED);
		this.policies.saveAndFlush(first);
		second.moveTo(Policy.Status.REJECTED);
		assertThatThrownBy(() -> this.policies.saveAndFlush(second))
			.isInstanceOf(ObjectOptimisticLockingFailureException.class);
	}

}
