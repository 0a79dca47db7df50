package dev.gatehouse.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import dev.gatehouse.gateway.apikey.ApiKeyProperties;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;
import dev.gatehouse.gateway.apikey.ApiKeyHashes;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;
import dev.gatehouse.gateway.basic.BasicAuthProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile's configuration holds the contract's demo credentials, as hashes only;
 * without the profile the gateway knows no API key, Basic user or partner certificate.
 */
class DemoCredentialsTests {

	/** application-demo.yaml over application.yaml, as the demo profile layers them. */
	static Binder shippedConfiguration() throws Exception {
		return configuration("application-demo.yaml", "application.yaml");
	}

	private static Binder configuration(String... files) throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		for (String file : files) {
			new YamlPropertySourceLoader().load(file, new ClassPathResource(file))
				.forEach(environment.getPropertySources()::addLast);
		}
		return Binder.get(environment);
	}

	@Test
	void withoutTheDemoProfileThereIsNoApiKeyBasicUserOrPartnerCertificate() throws Exception {
		Binder base = configuration("application.yaml");
		assertThat(base.bind("gatehouse.gateway.api-keys", ApiKeyProperties.class)
			.orElseGet(ApiKeyProperties::new)
			.getKeys()).isEmpty();
		assertThat(base.bind("gatehouse.gateway.basic", BasicAuthProperties.class).get().getUsers()).isEmpty();
		assertThat(base.bind("gatehouse.gateway.client-certificates.partners", Bindable.listOf(Object.class))
			.orElse(List.of())).isEmpty();
		assertThat(new String(new ClassPathResource("application.yaml").getContentAsByteArray())).doesNotContain("ghk_")
			.doesNotContain("{bcrypt}")
			.doesNotContain("CN=acme");
	}

	@Test
	void contractApiKeysAreConfiguredAsHashesWithTheirStatus() throws Exception {
		ApiKeyProperties keys = shippedConfiguration().bind("gatehouse.gateway.api-keys", ApiKeyProperties.class).get();
		Map<String, Entry> byHash = keys.getKeys()
			.stream()
			.collect(Collectors.toMap(Entry::sha256, Function.identity()));
		assertThat(byHash.get(ApiKeyHashes.sha256("ghk_test_acme_0123456789abcdef"))).satisfies((key) -> {
			assertThat(key.partner()).isEqualTo("acme");
			assertThat(key.status()).isEqualTo(Status.ACTIVE);
			assertThat(key.expiresAt()).isAfter(Instant.now());
		});
		assertThat(byHash.get(ApiKeyHashes.sha256("ghk_test_globex_fedcba9876543210"))).satisfies((key) -> {
			assertThat(key.partner()).isEqualTo("globex");
			assertThat(key.status()).isEqualTo(Status.REVOKED);
		});
		assertThat(new String(new ClassPathResource("application-demo.yaml").getContentAsByteArray()))
			.doesNotContain("ghk_test_acme_0123456789abcdef")
			.doesNotContain("ops-pass");
	}

	@Test
	void contractBasicUserIsConfiguredAsABcryptHash() throws Exception {
		BasicAuthProperties basic = shippedConfiguration().bind("gatehouse.gateway.basic", BasicAuthProperties.class)
			.get();
		assertThat(basic.getUsers()).singleElement().satisfies((user) -> {
			assertThat(user.username()).isEqualTo("ops");
			assertThat(user.passwordHash()).startsWith("{bcrypt}");
			assertThat(
					PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("ops-pass", user.passwordHash()))
				.isTrue();
		});
	}

}
