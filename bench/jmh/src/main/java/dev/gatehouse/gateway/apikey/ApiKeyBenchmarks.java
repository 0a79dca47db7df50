package dev.gatehouse.gateway.apikey;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.gatehouse.bench.jmh.BenchmarkState;

/**
 * The gateway's API-key lookup (SHA-256 of the presented key, then the store's lookup by
 * hash) in the in-memory store, with 100 configured keys. In the gateway's package: the
 * store is package-private (the Redis store adds a round trip JMH does not measure). The
 * store is built by binding properties the way Spring Boot binds the gateway's
 * {@code gatehouse.gateway.api-keys}, so the benchmark does not depend on the shape of
 * the key record's constructor.
 */
public class ApiKeyBenchmarks extends BenchmarkState {

	private static final int KEYS = 100;

	private MemoryApiKeyStore store;

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
		this.store = new MemoryApiKeyStore();
		Instant now = Instant.now();
		properties.getKeys().forEach((entry) -> this.store.add(ApiKey.seed(entry, now)).block());
		this.knownKey = key(KEYS / 2);
		this.unknownKey = "ghk_live_nobody_0123456789abcdef0123456789abcdef";
		if (lookup(this.knownKey) == null || lookup(this.unknownKey) != null) {
			throw new IllegalStateException("key store set-up is wrong");
		}
	}

	private static String key(int i) {
		return String.format("ghk_live_partner%d_%032x", i, (long) i * 0x9E3779B97F4A7C15L);
	}

	/** A valid key: hash and find. */
	@Benchmark
	public Object lookupKnownKey() {
		return lookup(this.knownKey);
	}

	/** An unknown key costs the same hash and a miss. */
	@Benchmark
	public Object lookupUnknownKey() {
		return lookup(this.unknownKey);
	}

	private ApiKey lookup(String key) {
		return this.store.findByHash(ApiKeyHashes.sha256(key)).block();
	}

	/** The hash alone (MessageDigest.getInstance per call, as ApiKeyHashes does). */
	@Benchmark
	public String sha256Only() {
		return ApiKeyHashes.sha256(this.knownKey);
	}

}
