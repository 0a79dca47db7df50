package dev.gatehouse.gateway.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.GatewayProblemException;
import dev.gatehouse.gateway.apikey.ApiKeyGenerator.NewKey;
import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

/**
 * What a partner administrator may do with their partner's keys: list them, rotate one
 * (or all current ones: a new key, the old ones retiring at a time they choose) and
 * revoke one at once. Another partner's keys are out of reach whatever the id.
 */
class PartnerKeys {

	private final ApiKeyStore store;

	private final ApiKeyGenerator generator;

	private final ApiKeyProperties properties;

	private final Clock clock;

	private final KeyAudit audit;

	PartnerKeys(ApiKeyStore store, ApiKeyGenerator generator, ApiKeyProperties properties, Clock clock,
			KeyAudit audit) {
		this.store = store;
		this.generator = generator;
		this.properties = properties;
		this.clock = clock;
		this.audit = audit;
	}

	Flux<ApiKey> list(PartnerAdmin admin) {
		return this.store.findByPartner(admin.partner());
	}

	/**
	 * @param keyId the key to replace; null for every current key of the partner
	 * @param retireOldAt when the replaced keys stop, between now and {@code max-overlap}
	 * from now
	 */
	Mono<Rotation> rotate(PartnerAdmin admin, String keyId, Instant retireOldAt) {
		Instant now = this.clock.instant();
		Duration maxOverlap = this.properties.getMaxOverlap();
		if (retireOldAt == null || retireOldAt.isBefore(now.truncatedTo(ChronoUnit.SECONDS))
				|| retireOldAt.isAfter(now.plus(maxOverlap))) {
			return Mono.error(invalid("'retireOldAt' must be a time between now and " + maxOverlap.toDays()
					+ " days from now (ISO-8601, e.g. " + now.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS)
					+ "): when the old key stops working."));
		}
		Mono<List<ApiKey>> replaced = (keyId != null) ? owned(admin, keyId).map((key) -> {
			if (!key.isUsable(now)) {
				throw new GatewayProblemException(GatewayProblem.API_KEY_CONFLICT,
						"The API key '" + key.id() + "' is " + key.state(now) + ": there is nothing to rotate.", null);
			}
			return List.of(key);
		}) : list(admin).filter((key) -> key.isCurrent(now)).collectList();
		return replaced.zipWith(list(admin).filter((key) -> key.isUsable(now)).collectList())
			.flatMap((found) -> rotate(admin, found.getT1(), found.getT2(), retireOldAt, now));
	}

	private Mono<Rotation> rotate(PartnerAdmin admin, List<ApiKey> replaced, List<ApiKey> usable, Instant retireOldAt,
			Instant now) {
		if (replaced.isEmpty()) {
			return Mono.error(
					new GatewayProblemException(GatewayProblem.API_KEY_CONFLICT,
							"Partner '" + admin.partner()
									+ "' has no current API key to rotate; a first key is issued by the operator.",
							null));
		}
		long current = usable.stream().filter((key) -> key.isCurrent(now)).count();
		long currentAfter = current - replaced.stream().filter((key) -> key.isCurrent(now)).count() + 1;
		// Retiring keys still work: without a bound, rotations in a row would multiply a
		// partner's working keys for up to max-overlap.
		long maxUsable = 2L * this.properties.getMaxActivePerPartner();
		if (usable.size() + 1 > maxUsable) {
			return Mono.error(new GatewayProblemException(GatewayProblem.API_KEY_CONFLICT,
					"Partner '" + admin.partner() + "' already has " + usable.size() + " working API keys (at most "
							+ maxUsable
							+ " with the retiring ones): revoke a retiring key, or wait until it retires, then rotate.",
					null));
		}
		if (currentAfter > this.properties.getMaxActivePerPartner()) {
			return Mono.error(new GatewayProblemException(GatewayProblem.API_KEY_CONFLICT,
					"Partner '" + admin.partner() + "' would have " + currentAfter + " current API keys, at most "
							+ this.properties.getMaxActivePerPartner()
							+ " are allowed: rotate without 'keyId' to replace them all, or revoke one first.",
					null));
		}
		ApiKey template = replaced.stream().max(Comparator.comparing(ApiKey::created)).orElseThrow();
		NewKey generated = this.generator.generate(admin.partner());
		ApiKey created = new ApiKey(generated.id(), admin.partner(), ApiKeyHashes.sha256(generated.key()),
				Status.ACTIVE, now, now.plus(ApiKeyGenerator.VALIDITY).truncatedTo(ChronoUnit.SECONDS), null,
				template.routes(), template.plan());
		List<String> replacedIds = replaced.stream().map(ApiKey::id).toList();
		// The new key first: should retiring the old ones fail, the partner still has a
		// working key.
		return this.store.add(created).flatMap((added) -> {
			if (!added) {
				return Mono.error(new IllegalStateException("generated key id " + created.id() + " already stored"));
			}
			return Flux.fromIterable(replacedIds)
				.concatMap((id) -> this.store.retire(id, retireOldAt))
				.then(Flux.fromIterable(replacedIds).concatMap(this.store::findById).collectList())
				.map((retiring) -> {
					this.audit.rotated(admin.name(), created, replacedIds, retireOldAt);
					return new Rotation(generated.key(), created, retiring);
				});
		});
	}

	Mono<ApiKey> revoke(PartnerAdmin admin, String keyId) {
		return owned(admin, keyId).flatMap((key) -> this.store.revoke(key.id()).then(this.store.findById(key.id())))
			.doOnNext((revoked) -> this.audit.revoked(admin.name(), revoked));
	}

	/** The key, if it is the admin's partner's: 404 when unknown, 403 when another's. */
	private Mono<ApiKey> owned(PartnerAdmin admin, String keyId) {
		return this.store.findById(keyId)
			.switchIfEmpty(Mono.error(() -> new GatewayProblemException(GatewayProblem.API_KEY_NOT_FOUND,
					"No API key '" + keyId + "' exists; GET /portal/api/keys lists your partner's keys.", null)))
			.map((key) -> {
				if (!key.partner().equals(admin.partner())) {
					throw new GatewayProblemException(GatewayProblem.API_KEY_OF_ANOTHER_PARTNER,
							"The API key '" + keyId + "' is not a key of partner '" + admin.partner()
									+ "': you may manage your own partner's keys only.",
							null);
				}
				return key;
			});
	}

	private static GatewayProblemException invalid(String detail) {
		return new GatewayProblemException(GatewayProblem.REQUEST_INVALID, detail, null);
	}

	/**
	 * @param key the new key, in clear: shown once in the answer, stored nowhere
	 * @param created the new key as stored
	 * @param retiring the keys it replaces, with their retirement
	 */
	record Rotation(String key, ApiKey created, List<ApiKey> retiring) {

		@Override
		public String toString() {
			return "Rotation[" + this.created.id() + "]";
		}

	}

}
