package dev.gatehouse.gateway.apikey;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyGeneratorTests {

	final ApiKeyGenerator generator = new ApiKeyGenerator(new SecureRandom(),
			Clock.fixed(Instant.parse("2026-03-01T10:15:30.123Z"), ZoneOffset.UTC), "ghk_");

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	int run(String... args) {
		return this.generator.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void printsARandomKeyAndAConfigurationEntryHoldingOnlyItsHash() throws Exception {
		assertThat(run("apikey", "new", "acme")).isZero();
		String printed = this.out.toString(StandardCharsets.UTF_8);
		Matcher key = Pattern.compile("ghk_live_acme_[0-9a-f]{32}").matcher(printed);
		assertThat(key.find()).isTrue();
		String yaml = printed.substring(printed.indexOf("      - id:"));
		assertThat(yaml).doesNotContain(key.group())
			.contains("sha256: " + ApiKeyHashes.sha256(key.group()))
			.contains("expires-at: 2027-03-01T10:15:30Z");

		ApiKeyProperties bound = bind(yaml);
		assertThat(bound.getKeys()).singleElement().satisfies((entry) -> {
			assertThat(entry.partner()).isEqualTo("acme");
			assertThat(entry.id()).matches("acme-[0-9a-f]{8}");
			assertThat(entry.status()).isEqualTo(ApiKeyProperties.Status.ACTIVE);
		});
		MemoryApiKeyStore store = new MemoryApiKeyStore();
		new ApiKeySeed(store, bound, Clock.systemUTC(), new KeyAudit(), new SimpleMeterRegistry()).seed().block();
		assertThat(store.findByHash(ApiKeyHashes.sha256(key.group())).block()).isNotNull();
	}

	@Test
	void aRenamedBrandIssuesKeysWithItsPrefixThatTheGatewayAccepts() {
		ApiKeyGenerator renamed = new ApiKeyGenerator(new SecureRandom(), Clock.systemUTC(), "acme_");
		ApiKeyGenerator.NewKey key = renamed.generate("initech");
		assertThat(key.key()).matches("acme_live_initech_[0-9a-f]{32}");
		MemoryApiKeyStore store = new MemoryApiKeyStore();
		new ApiKeySeed(store, bindUnchecked(key.yaml()), Clock.systemUTC(), new KeyAudit(), new SimpleMeterRegistry())
			.seed()
			.block();
		assertThat(store.findByHash(ApiKeyHashes.sha256(key.key())).block()).isNotNull();
	}

	@Test
	void theCommandIssuesKeysWithThePrefixOfTheGeneratedConfiguration() {
		assertThat(ApiKeyGenerator.configuredKeyPrefix()).isEqualTo("ghk_");
	}

	@Test
	void twoRunsGiveDifferentKeysAndIds() {
		ApiKeyGenerator.NewKey first = this.generator.generate("acme");
		ApiKeyGenerator.NewKey second = this.generator.generate("acme");
		assertThat(first.key()).isNotEqualTo(second.key());
		assertThat(first.id()).isNotEqualTo(second.id());
	}

	@Test
	void refusesPartnerNamesThatWouldNotFitAKeyOrYaml() {
		assertThat(run("apikey", "new", "Acme Corp")).isEqualTo(2);
		assertThat(run("apikey", "new", "acme: {x}")).isEqualTo(2);
		assertThat(run("apikey", "new")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("usage: apikey new <partner>");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	private static ApiKeyProperties bindUnchecked(String entry) {
		try {
			return bind(entry);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ApiKeyProperties bind(String entry) throws Exception {
		String document = "gatehouse:\n  gateway:\n    api-keys:\n      keys:\n" + entry;
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader()
			.load("generated", new ByteArrayResource(document.getBytes(StandardCharsets.UTF_8)))
			.forEach(environment.getPropertySources()::addFirst);
		return Binder.get(environment).bind("gatehouse.gateway.api-keys", ApiKeyProperties.class).get();
	}

}
