package dev.gatehouse.gateway.apikey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyPropertiesTests {

	static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	static Entry key(String id, String partner, String key, Status status) {
		return new Entry(id, partner, ApiKeyHashes.sha256(key), status, Instant.parse("2031-01-01T00:00:00Z"),
				List.of("/partner/v1/policies/**"), "bronze");
	}

	static Set<ConstraintViolation<ApiKeyProperties>> validate(Entry... keys) {
		ApiKeyProperties properties = new ApiKeyProperties();
		properties.setKeys(new ArrayList<>(List.of(keys)));
		return validator.validate(properties);
	}

	@Test
	void twoActiveKeysPerPartnerAreAllowedForRotation() {
		assertThat(validate(key("a1", "acme", "k1", Status.ACTIVE), key("a2", "acme", "k2", Status.ACTIVE),
				key("a0", "acme", "k0", Status.REVOKED)))
			.isEmpty();
	}

	@Test
	void aThirdActiveKeyForOnePartnerStopsStartUp() {
		assertThat(validate(key("a1", "acme", "k1", Status.ACTIVE), key("a2", "acme", "k2", Status.ACTIVE),
				key("a3", "acme", "k3", Status.ACTIVE)))
			.extracting(ConstraintViolation::getMessage)
			.singleElement()
			.asString()
			.contains("at most max-active-per-partner active keys");
	}

	@Test
	void duplicateIdsOrHashesStopStartUp() {
		assertThat(validate(key("a1", "acme", "k1", Status.ACTIVE), key("a1", "globex", "k2", Status.ACTIVE)))
			.isNotEmpty();
		assertThat(validate(key("a1", "acme", "k1", Status.ACTIVE), key("g1", "globex", "k1", Status.ACTIVE)))
			.isNotEmpty();
	}

	@Test
	void aKeyInsteadOfItsHashStopsStartUp() {
		Entry plain = new Entry("a1", "acme", "ghk_test_acme_0123456789abcdef", Status.ACTIVE, Instant.now(),
				List.of("/partner/v1/**"), "gold");
		assertThat(validate(plain)).extracting((violation) -> violation.getPropertyPath().toString())
			.contains("keys[0].sha256");
	}

	@Test
	void everyKeyNeedsExpiryRoutesAndPlan() {
		Entry incomplete = new Entry("a1", "acme", ApiKeyHashes.sha256("k"), Status.ACTIVE, null, List.of(), " ");
		assertThat(validate(incomplete)).extracting((violation) -> violation.getPropertyPath().toString())
			.contains("keys[0].expiresAt", "keys[0].routes", "keys[0].plan");
	}

}
