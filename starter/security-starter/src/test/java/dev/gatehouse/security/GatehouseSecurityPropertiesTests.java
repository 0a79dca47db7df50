package dev.gatehouse.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.gatehouse.security.servlet.ServletManagementAutoConfiguration;
import dev.gatehouse.security.servlet.ServletProblemDetailsAutoConfiguration;
import dev.gatehouse.security.servlet.ServletResourceServerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong settings stop the service at start-up with a message that says what to change.
 */
class GatehouseSecurityPropertiesTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServletResourceServerAutoConfiguration.class,
				ServletProblemDetailsAutoConfiguration.class, ServletManagementAutoConfiguration.class))
		.withPropertyValues("gatehouse.security.issuer-uri=http://localhost:8180/realms/gatehouse");

	@Test
	void hmacAlgorithmIsRefusedAtStartUp() {
		this.runner.withPropertyValues("gatehouse.security.algorithms=RS256,HS256")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("gatehouse.security.algorithms")
				.hasMessageContaining("HMAC"));
	}

	@Test
	void algNoneIsRefusedAtStartUp() {
		this.runner.withPropertyValues("gatehouse.security.algorithms=none")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("'none'"));
	}

	@Test
	void missingIssuerIsRefusedAtStartUp() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServletResourceServerAutoConfiguration.class,
					ServletProblemDetailsAutoConfiguration.class, ServletManagementAutoConfiguration.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("issuerUri"));
	}

	@Test
	void blankGatewayClientIdIsRefusedAtStartUp() {
		this.runner.withPropertyValues("gatehouse.security.gateway-client-id= ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("gatewayClientId"));
	}

	@Test
	void emptyAudienceListIsRefusedAtStartUp() {
		this.runner.withPropertyValues("gatehouse.security.audiences=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("audiences"));
	}

	@Test
	void refetchIntervalNotShorterThanTheKeyCacheIsRefusedAtStartUp() {
		this.runner
			.withPropertyValues("gatehouse.security.jwk-set-cache-ttl=30s",
					"gatehouse.security.jwk-set-refetch-min-interval=30s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"jwk-set-refetch-min-interval must be shorter than gatehouse.security.jwk-set-cache-ttl"));
	}

	@Test
	void refetchIntervalBelowOneSecondIsRefusedAtStartUp() {
		this.runner.withPropertyValues("gatehouse.security.jwk-set-refetch-min-interval=200ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("jwk-set-refetch-min-interval must be at least 1s"));
	}

	@Test
	void theBoundOnTrustingANewKeyIsTheRefetchIntervalPlusTheTimeout() {
		GatehouseSecurityProperties properties = new GatehouseSecurityProperties();
		assertThat(properties.newKeyTrustedWithin()).isEqualTo(java.time.Duration.ofSeconds(5));
		properties.setJwkSetRefetchMinInterval(java.time.Duration.ofSeconds(4));
		properties.setJwkSetTimeout(java.time.Duration.ofSeconds(1));
		assertThat(properties.newKeyTrustedWithin()).isEqualTo(java.time.Duration.ofSeconds(5));
	}

	@Test
	void keySetDefaultsToKeycloakCertsUnderTheInternalIssuer() {
		GatehouseSecurityProperties properties = new GatehouseSecurityProperties();
		properties.setIssuerUri(java.net.URI.create("http://localhost:8180/realms/gatehouse"));
		properties.setInternalIssuerUri(java.net.URI.create("http://keycloak:8080/realms/gatehouse/"));

		assertThat(properties.effectiveJwkSetUri())
			.hasToString("http://keycloak:8080/realms/gatehouse/protocol/openid-connect/certs");
	}

}
