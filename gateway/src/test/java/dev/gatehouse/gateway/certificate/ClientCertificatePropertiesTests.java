package dev.gatehouse.gateway.certificate;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import dev.gatehouse.gateway.certificate.ClientCertificateProperties.Partner;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCertificatePropertiesTests {

	static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

	static Set<ConstraintViolation<ClientCertificateProperties>> validate(String... subjects) {
		ClientCertificateProperties properties = new ClientCertificateProperties();
		properties.setPartners(List.of(subjects)
			.stream()
			.map((subject) -> new Partner(subject, "acme", List.of("/partner/mtls/policies/**"), "gold"))
			.toList());
		return validator.validate(properties);
	}

	@Test
	void distinguishedNamesAreAccepted() {
		assertThat(validate("CN=acme, OU=Partner systems, O=Acme Corp", "CN=globex,O=Globex")).isEmpty();
	}

	@Test
	void aSubjectThatIsNoDistinguishedNameStopsStartUp() {
		assertThat(validate("acme")).extracting(ConstraintViolation::getMessage)
			.singleElement()
			.asString()
			.contains("must be a distinguished name");
	}

	@Test
	void theSameSubjectTwiceInAnotherSpellingStopsStartUp() {
		assertThat(validate("CN=acme, O=Acme Corp", "cn=ACME,o=acme corp")).isNotEmpty();
	}

}
