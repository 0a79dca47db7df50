package dev.gatehouse.gateway.apikey;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;
import dev.gatehouse.gateway.support.RedisServer;
import dev.gatehouse.test.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./gatehouse apikey rotate|revoke|list} against a real {@code redis-server}, the
 * store the gateways read: a rotation stores only the new key's hash and retires the old
 * key at the time given; a revocation marks the key revoked; without Redis the command
 * says where the keys are instead.
 */
class ApiKeyStoreCommandIntegrationTests {

	static final String ACME_KEY = "ghk_test_acme_0123456789abcdef";

	static final RedisServer redis = RedisServer.startOnFreePort();

	static LettuceConnectionFactory connections;

	static RedisApiKeyStore store;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		connections.afterPropertiesSet();
		connections.start();
		store = new RedisApiKeyStore(new ReactiveStringRedisTemplate(connections), Duration.ofSeconds(5));
	}

	@AfterAll
	static void stop() {
		connections.destroy();
		redis.stop();
	}

	@BeforeEach
	void seedAcme() {
		connections.getConnection().serverCommands().flushAll();
		store
			.add(new ApiKey("acme-demo", "acme", ApiKeyHashes.sha256(ACME_KEY), Status.ACTIVE, Instant.now(),
					Instant.parse("2031-01-01T00:00:00Z"), null, List.of("/partner/v1/policies/**"), "gold"))
			.block();
	}

	@Test
	void rotateStoresTheNewKeysHashAndRetiresTheOldKeyAtTheGivenTime() {
		Instant retireAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		assertThat(run("apikey", "rotate", "acme", "--retire-old-at", retireAt.toString())).as(errors()).isZero();
		Matcher key = Pattern.compile("ghk_live_acme_[0-9a-f]{32}").matcher(output());
		assertThat(key.find()).isTrue();
		ApiKey created = store.findByHash(ApiKeyHashes.sha256(key.group())).block();
		assertThat(created).isNotNull();
		assertThat(created.partner()).isEqualTo("acme");
		assertThat(created.plan()).isEqualTo("gold");
		assertThat(store.findById("acme-demo").block().retiresAt()).isEqualTo(retireAt);
		assertThat(output()).contains("replaced acme-demo: works until " + retireAt);
		assertThat(connections.getConnection().keyCommands().keys("*".getBytes(StandardCharsets.UTF_8)))
			.noneMatch((stored) -> new String(stored, StandardCharsets.UTF_8).contains(key.group()));
	}

	@Test
	void revokeMarksTheKeyRevokedAndListShowsIt() {
		assertThat(run("apikey", "revoke", "acme-demo")).as(errors()).isZero();
		assertThat(store.findById("acme-demo").block().status()).isEqualTo(Status.REVOKED);
		assertThat(run("apikey", "list", "acme")).isZero();
		assertThat(output()).contains("acme-demo  revoked");
		assertThat(run("apikey", "revoke", "acme-nothing")).isEqualTo(1);
		assertThat(errors()).contains("no key 'acme-nothing'");
	}

	@Test
	void withoutRedisTheCommandSaysWhereTheKeysAre() {
		ApiKeyGenerator generator = new ApiKeyGenerator(new SecureRandom(), Clock.systemUTC(),
				URI.create("redis://127.0.0.1:" + FreePorts.outsideEphemeralRange()), "operator:test", "ghk_");
		int code = generator.run(new String[] { "apikey", "rotate", "acme" }, new PrintStream(this.out),
				new PrintStream(this.err));
		assertThat(code).isEqualTo(1);
		assertThat(errors()).contains("no Redis answers at").contains("/portal/api/keys");
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		ApiKeyGenerator generator = new ApiKeyGenerator(new SecureRandom(), Clock.systemUTC(),
				URI.create("redis://127.0.0.1:" + redis.port()), "operator:test", "ghk_");
		return generator.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String errors() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
