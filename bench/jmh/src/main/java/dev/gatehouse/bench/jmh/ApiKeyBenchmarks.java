package dev.gatehouse.bench.jmh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.gatehouse.gateway.apikey.ApiKeyHashes;
import dev.gatehouse.gateway.apikey.ApiKeyProperties;
import dev.gatehouse.gateway.apikey.ApiKeyStore;

/**
 * The gateway's API-key lookup (SHA-256 of the presented key, then a map lookup by hash),
 * through its public {@link ApiKeyStore}, with 100 configured keys. The store is built by
 * binding properties the way Spring Boot binds the gateway's
 * {@code gatehouse.gateway.api-keys}, so the benchmark does not depend on the shape of
 * the key record's constructor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-XX:+UseG1GC", "-Xmx512m" })
public class ApiKeyBenchmarks {

	private static final int KEYS = 100;

	private ApiKeyStore store;

	private String knownKey;

	private String unknownKey;

	@Setup
	public void setUp() {
		Map<String, String> source = new LinkedHashMap<>();
		for (int i = 0; i < KEYS; i++) {
			String key = key(i);
			String prefix = "gatehouse.gateway.api-keys.keys[" + i + "].";
			source.put(prefix + "id", "partner" + i + "-1");
			source.put(prefix + "partner", "partner" + i);
			source.put(prefix + "sha256", ApiKeyHashes.sha256(key));
			source.put(prefix + "status", "active");
			source.put(prefix + "expires-at", "2031-01-01T00:00:00Z");
			source.put(prefix + "routes[0]", "/partner/v1/policies/**");
			source.put(prefix + "plan", "gold");
		}
		ApiKeyProperties properties = new Binder(new MapConfigurationPropertySource(source))
			.bind("gatehouse.gateway.api-keys", ApiKeyProperties.class)
			.get();
		this.store = new ApiKeyStore(properties);
		this.knownKey = key(KEYS / 2);
		this.unknownKey = "ghk_live_nobody_0123456789abcdef0123456789abcdef";
		if (this.store.find(this.knownKey).isEmpty() || this.store.find(this.unknownKey).isPresent()) {
			throw new IllegalStateException("key store set-up is wrong");
		}
	}

	private static String key(int i) {
		return String.format("ghk_live_partner%d_%032x", i, (long) i * 0x9E3779B97F4A7C15L);
	}

	/** A valid key: hash and find. */
	@Benchmark
	public Optional<?> lookupKnownKey() {
		return this.store.find(this.knownKey);
	}

	/** An unknown key costs the same hash and a miss. */
	@Benchmark
	public Optional<?> lookupUnknownKey() {
		return this.store.find(this.unknownKey);
	}

	/** The hash alone (MessageDigest.getInstance per call, as ApiKeyHashes does). */
	@Benchmark
	public String sha256Only() {
		return ApiKeyHashes.sha256(this.knownKey);
	}

}
