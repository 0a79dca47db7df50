package dev.gatehouse.gateway.apikey;

import java.time.Instant;
import java.util.List;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

/**
 * A partner's key as the store holds it: never the key, only its SHA-256.
 *
 * @param id names the key in logs, problems and the key API
 * @param partner the partner the key identifies
 * @param sha256 lower-case hex SHA-256 of the key
 * @param status active or revoked (revoked keys stay, so a caller hears "revoked" rather
 * than "unknown")
 * @param created when the key was made (for seeded keys: when they were seeded)
 * @param notAfter the key's validity ends here
 * @param retiresAt the old key of a rotation stops here; null for a current key
 * @param routes path patterns the key may call
 * @param plan the partner's plan, for limits
 */
record ApiKey(String id, String partner, String sha256, Status status, Instant created, Instant notAfter,
		Instant retiresAt, List<String> routes, String plan) {

	ApiKey {
		routes = List.copyOf(routes);
	}

	static ApiKey seed(Entry entry, Instant now) {
		return new ApiKey(entry.id(), entry.partner(), ApiKeyHashes.normalized(entry.sha256()), entry.status(), now,
				entry.expiresAt(), null, entry.routes(), entry.plan());
	}

	/** Accepted now: active, before its not-after and before its retirement. */
	boolean isUsable(Instant now) {
		return this.status == Status.ACTIVE && now.isBefore(this.notAfter)
				&& (this.retiresAt == null || now.isBefore(this.retiresAt));
	}

	/** Usable and not being replaced: the keys a rotation replaces. */
	boolean isCurrent(Instant now) {
		return isUsable(now) && this.retiresAt == null;
	}

	/** What the key API shows of it: never the hash. */
	String state(Instant now) {
		if (this.status == Status.REVOKED) {
			return "revoked";
		}
		if (!now.isBefore(this.notAfter)) {
			return "expired";
		}
		if (this.retiresAt != null) {
			return now.isBefore(this.retiresAt) ? "retiring" : "retired";
		}
		return "active";
	}

}
