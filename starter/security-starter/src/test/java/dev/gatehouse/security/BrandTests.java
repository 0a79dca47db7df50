package dev.gatehouse.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brand strings are settings: a renamed brand changes the problem types and header
 * names, and a value that would make malformed ones stops the application at start-up.
 */
class BrandTests {

	static final Brand ACME = new Brand("urn:acme:problem:", "X-Acme-", "acme_");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BrandAutoConfiguration.class));

	@Test
	void catalogueTypesTakeTheBrandsPrefixAndOthersStayAsTheyAre() {
		assertThat(ACME.problemType(Problems.EXPIRED_TOKEN)).isEqualTo("urn:acme:problem:expired-token");
		assertThat(ACME.problemType("about:blank")).isEqualTo("about:blank");
		assertThat(Brand.DEFAULT.problemType(Problems.EXPIRED_TOKEN)).isEqualTo(Problems.EXPIRED_TOKEN);
	}

	@Test
	void headersAreNamedUnderTheBrandsPrefixAndRecognisedInAnyCase() {
		assertThat(ACME.header(GatewayVouching.PARTNER)).isEqualTo("X-Acme-Partner");
		assertThat(ACME.isGatewayHeader("x-acme-caller")).isTrue();
		assertThat(ACME.isGatewayHeader("X-ACME-BOUND-TOKEN")).isTrue();
		assertThat(ACME.isGatewayHeader("X-Acmeish")).isFalse();
	}

	@Test
	void theConfiguredBrandMakesTheProblemBodiesWhileTheContextIsOpenAndTheDefaultAfter() {
		this.runner
			.withPropertyValues("gatehouse.brand.problem-type-prefix=urn:acme:problem:",
					"gatehouse.brand.header-prefix=X-Acme-", "gatehouse.brand.api-key-prefix=acme_")
			.run((context) -> {
				assertThat(Brand.current()).isEqualTo(ACME);
				assertThat(StarterProblem.INVALID_TOKEN.with("Bad.").getType())
					.hasToString("urn:acme:problem:invalid-token");
				assertThat(GatewayVouching.partnerHeader()).isEqualTo("X-Acme-Partner");
				assertThat(SecurityAudit.reason("urn:acme:problem:invalid-token")).isEqualTo("invalid-token");
			});
		assertThat(Brand.current()).isEqualTo(Brand.DEFAULT);
		assertThat(StarterProblem.INVALID_TOKEN.with("Bad.").getType()).hasToString(Problems.INVALID_TOKEN);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			problem-type-prefix | https://acme.example/problems/ | URN prefix
			problem-type-prefix | urn:acme:problem               | URN prefix
			header-prefix       | X Acme-                        | header name prefix
			header-prefix       | X-Acme                         | header name prefix
			api-key-prefix      | Acme_                          | lower-case letters
			api-key-prefix      | acme                           | lower-case letters
			""")
	void aMalformedBrandStopsTheApplicationAtStartUpNamingTheSetting(String setting, String value, String message) {
		this.runner.withPropertyValues("gatehouse.brand." + setting + "=" + value)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("gatehouse.brand")
				.hasMessageContaining(message));
	}

}
