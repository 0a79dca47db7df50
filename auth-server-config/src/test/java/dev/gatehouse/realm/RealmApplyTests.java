package dev.gatehouse.realm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the apply tool decides that Keycloak already holds a declared setting (no call
 * made).
 */
class RealmApplyTests {

	@Test
	void keycloaksExtraFieldsAndDefaultsDoNotCountAsADifference() {
		assertThat(RealmApply.covers(RealmFiles.parse("""
				{"id": "1", "name": "x", "enabled": true, "attributes": {"a": "1", "b": "2"}}"""), RealmFiles.parse("""
				{"name": "x", "attributes": {"a": "1"}}"""))).isTrue();
	}

	@Test
	void arraysCompareWithoutOrderButWithTheirSize() {
		assertThat(RealmApply.covers(RealmFiles.parse("[\"a\", \"b\"]"), RealmFiles.parse("[\"b\", \"a\"]"))).isTrue();
		assertThat(RealmApply.covers(RealmFiles.parse("[\"a\", \"b\"]"), RealmFiles.parse("[\"a\"]"))).isFalse();
	}

	@Test
	void aChangedValueOrAMissingFieldIsADifference() {
		assertThat(RealmApply.covers(RealmFiles.parse("{\"accessTokenLifespan\": 600}"),
				RealmFiles.parse("{\"accessTokenLifespan\": 300}")))
			.isFalse();
		assertThat(RealmApply.covers(RealmFiles.parse("{}"), RealmFiles.parse("{\"description\": \"d\"}"))).isFalse();
	}

	@Test
	void attributesKeycloakStoresAsTextMatchTheirDeclaredValues() {
		assertThat(RealmApply.covers(RealmFiles.parse("{\"n\": \"300\", \"b\": \"true\"}"),
				RealmFiles.parse("{\"n\": 300, \"b\": true}")))
			.isTrue();
	}

}
