package dev.gatehouse.gateway.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Partner API keys under {@code gatehouse.gateway.api-keys}. Only a key's SHA-256 is
 * configured, never the key: {@code ./gatehouse apikey new <partner>} prints both, the
 * key for the partner and the entry for this list. Checked at start-up: ids and hashes
 * unique, at most {@code max-active-per-partner} active keys per partner (two, so a
 * partner can switch to a new key before the old one is revoked). These entries are the
 * seed of the key store: added once, when the store does not hold their id; afterwards
 * the store, changed through the key API, is what counts (a {@code revoked} entry still
 * revokes its stored key).
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.api-keys")
public class ApiKeyProperties {

	private int maxActivePerPartner = 2;

	private Duration maxOverlap = Duration.ofDays(30);

	@Valid
	private List<Entry> keys = new ArrayList<>();

	@AssertTrue(message = "gatehouse.gateway.api-keys.keys: every id and every sha256 must be unique")
	public boolean isUnique() {
		Set<String> ids = new HashSet<>();
		Set<String> hashes = new HashSet<>();
		return this.keys.stream()
			.allMatch((key) -> ids.add(key.id())
					&& (key.sha256() == null || hashes.add(key.sha256().toLowerCase(Locale.ROOT))));
	}

	@AssertTrue(
			message = "gatehouse.gateway.api-keys.keys: a partner may have at most max-active-per-partner active keys; revoke the old key after rotating")
	public boolean isWithinActiveLimit() {
		Map<String, Long> active = this.keys.stream()
			.filter((key) -> key.status() == Status.ACTIVE)
			.collect(Collectors.groupingBy(Entry::partner, Collectors.counting()));
		return active.values().stream().allMatch((count) -> count <= this.maxActivePerPartner);
	}

	public enum Status {

		ACTIVE, REVOKED

	}

	/**
	 * One key.
	 *
	 * @param id names the key in logs and problems (the key itself is never logged)
	 * @param partner the partner the key identifies; sent to the backend as
	 * {@code X-Gatehouse-Partner}
	 * @param sha256 lower-case hex SHA-256 of the key
	 * @param status active or revoked
	 * @param expiresAt after this instant the key is refused
	 * @param routes path patterns the key may call, e.g. {@code /partner/v1/policies/**}
	 * @param plan the partner's plan (bronze, silver, gold), for limits
	 */
	public record Entry(@NotBlank String id, @NotBlank String partner,
			@NotNull @Pattern(regexp = "[0-9a-fA-F]{64}",
					message = "must be the 64 hex digits of a SHA-256") String sha256,
			@NotNull Status status, @NotNull Instant expiresAt, @NotEmpty List<String> routes, @NotBlank String plan) {
	}

	public int getMaxActivePerPartner() {
		return this.maxActivePerPartner;
	}

	public void setMaxActivePerPartner(int maxActivePerPartner) {
		this.maxActivePerPartner = maxActivePerPartner;
	}

	/**
	 * The longest a partner administrator may keep an old key working after rotating it.
	 */
	public Duration getMaxOverlap() {
		return this.maxOverlap;
	}

	public void setMaxOverlap(Duration maxOverlap) {
		this.maxOverlap = maxOverlap;
	}

	public List<Entry> getKeys() {
		return this.keys;
	}

	public void setKeys(List<Entry> keys) {
		this.keys = keys;
	}

}
