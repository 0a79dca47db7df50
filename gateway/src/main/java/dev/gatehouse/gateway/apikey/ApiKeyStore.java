package dev.gatehouse.gateway.apikey;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;

/** The configured keys, found by the hash of the key a caller presents. */
public class ApiKeyStore {

	private final Map<String, Entry> byHash;

	public ApiKeyStore(ApiKeyProperties properties) {
		this.byHash = properties.getKeys()
			.stream()
			.collect(Collectors.toUnmodifiableMap((key) -> key.sha256().toLowerCase(Locale.ROOT), Function.identity()));
	}

	public Optional<Entry> find(String presentedKey) {
		return Optional.ofNullable(this.byHash.get(ApiKeyHashes.sha256(presentedKey)));
	}

}
