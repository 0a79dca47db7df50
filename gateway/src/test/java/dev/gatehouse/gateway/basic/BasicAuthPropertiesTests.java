package dev.gatehouse.gateway.basic;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class BasicAuthPropertiesTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class)
		.withPropertyValues("gatehouse.gateway.basic.users[0].username=ops");

	@ParameterizedTest
	@ValueSource(strings = { "{bcrypt}$2a$10$5xyjcbbS6QpiOOaW7ZeQj.6WyXST0zqQPNnr8wBv7ZCcPK5Nq2/iy",
			"{bcrypt}$2b$12$5xyjcbbS6QpiOOaW7ZeQj.6WyXST0zqQPNnr8wBv7ZCcPK5Nq2/iy",
			"{argon2@SpringSecurity_v5_8}$argon2id$v=19$m=16384,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g",
			"{argon2}$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g" })
	void bcryptAndArgon2HashesAreAccepted(String hash) {
		this.runner.withPropertyValues("gatehouse.gateway.basic.users[0].password-hash=" + hash)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "{noop}ops-pass", "ops-pass",
			"{sha256}5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
			"{pbkdf2}5d923b44a6d129f3ddf3e3c8d29412723dcbde72445e8ef6bf3b508fbf17fa4ed4d6b99ca763d8dc",
			"{MD5}5f4dcc3b5aa765d61d8327deb882cf99", "{bcrypt}not-a-hash",
			"{argon2}$2a$10$5xyjcbbS6QpiOOaW7ZeQj.6WyXST0zqQPNnr8wBv7ZCcPK5Nq2/iy" })
	void anyOtherHashStopsTheStartUpNamingTheProperty(String hash) {
		this.runner.withPropertyValues("gatehouse.gateway.basic.users[0].password-hash=" + hash)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("gatehouse.gateway.basic")
				.hasMessageContaining("users[0].passwordHash")
				.hasMessageContaining("bcrypt or argon2"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BasicAuthProperties.class)
	static class Properties {

	}

}
