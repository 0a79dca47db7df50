package dev.gatehouse.gateway.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Status;

/**
 * The keys in Redis, shared by every replica. A key is a hash under
 * {@code gatehouse:api-keys:hash:<sha256>} (id, partner, status, created, not-after,
 * retires-at as epoch milliseconds, routes, plan), found from its id through
 * {@code gatehouse:api-keys:id:<id>} and from its partner through the set
 * {@code gatehouse:api-keys:partner:<partner>}. Adding and retiring are scripts, so two
 * replicas seeding or two administrators rotating at once cannot interleave.
 */
class RedisApiKeyStore implements ApiKeyStore {

	private static final String PREFIX = "gatehouse:api-keys:";

	/** Set once the configured keys are in: gone when Redis lost its data. */
	private static final String SEEDED = PREFIX + "seeded";

	/**
	 * KEYS: id, hash, partner set; ARGV: sha256, id, then the hash's fields and values.
	 */
	private static final RedisScript<Long> ADD = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
			redis.call('SET', KEYS[1], ARGV[1])
			redis.call('HSET', KEYS[2], unpack(ARGV, 3))
			redis.call('SADD', KEYS[3], ARGV[2])
			return 1
			""", Long.class);

	/** KEYS: hash; ARGV: retirement in epoch milliseconds. The earlier one stays. */
	private static final RedisScript<Long> RETIRE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			local current = redis.call('HGET', KEYS[1], 'retires-at')
			if (not current) or tonumber(ARGV[1]) < tonumber(current) then
			  redis.call('HSET', KEYS[1], 'retires-at', ARGV[1])
			end
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	RedisApiKeyStore(ReactiveStringRedisTemplate redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	@Override
	public Mono<ApiKey> findByHash(String sha256) {
		return this.redis.<String, String>opsForHash()
			.entries(hashKey(sha256))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.timeout(this.timeout)
			.filter((fields) -> !fields.isEmpty())
			.map((fields) -> fromFields(sha256, fields));
	}

	@Override
	public Mono<ApiKey> findById(String id) {
		return this.redis.opsForValue().get(idKey(id)).timeout(this.timeout).flatMap(this::findByHash);
	}

	@Override
	public Flux<ApiKey> findByPartner(String partner) {
		return this.redis.opsForSet()
			.members(partnerKey(partner))
			.timeout(this.timeout)
			.flatMap(this::findById)
			.sort(Comparator.comparing(ApiKey::created).thenComparing(ApiKey::id));
	}

	@Override
	public Mono<Boolean> add(ApiKey key) {
		List<String> args = new ArrayList<>(List.of(key.sha256(), key.id()));
		toFields(key).forEach((field, value) -> {
			args.add(field);
			args.add(value);
		});
		return this.redis.execute(ADD, List.of(idKey(key.id()), hashKey(key.sha256()), partnerKey(key.partner())), args)
			.next()
			.timeout(this.timeout)
			.map((added) -> added == 1L);
	}

	@Override
	public Mono<Boolean> retire(String id, Instant at) {
		return hashOf(id)
			.flatMap((sha256) -> this.redis
				.execute(RETIRE, List.of(hashKey(sha256)), List.of(Long.toString(at.toEpochMilli())))
				.next()
				.timeout(this.timeout)
				.map((found) -> found == 1L))
			.defaultIfEmpty(false);
	}

	@Override
	public Mono<Boolean> revoke(String id) {
		return hashOf(id)
			.flatMap((sha256) -> this.redis.opsForHash()
				.put(hashKey(sha256), "status", Status.REVOKED.name().toLowerCase(Locale.ROOT))
				.timeout(this.timeout)
				.thenReturn(true))
			.defaultIfEmpty(false);
	}

	@Override
	public Mono<Boolean> isSeeded() {
		return this.redis.hasKey(SEEDED).timeout(this.timeout);
	}

	@Override
	public Mono<Void> markSeeded() {
		return this.redis.opsForValue().set(SEEDED, "1").timeout(this.timeout).then();
	}

	private Mono<String> hashOf(String id) {
		return this.redis.opsForValue().get(idKey(id)).timeout(this.timeout);
	}

	static Map<String, String> toFields(ApiKey key) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("id", key.id());
		fields.put("partner", key.partner());
		fields.put("status", key.status().name().toLowerCase(Locale.ROOT));
		fields.put("created", Long.toString(key.created().toEpochMilli()));
		fields.put("not-after", Long.toString(key.notAfter().toEpochMilli()));
		if (key.retiresAt() != null) {
			fields.put("retires-at", Long.toString(key.retiresAt().toEpochMilli()));
		}
		// Path patterns hold no spaces.
		fields.put("routes", String.join(" ", key.routes()));
		fields.put("plan", key.plan());
		return fields;
	}

	static ApiKey fromFields(String sha256, Map<String, String> fields) {
		String retiresAt = fields.get("retires-at");
		return new ApiKey(fields.get("id"), fields.get("partner"), sha256,
				Status.valueOf(fields.get("status").toUpperCase(Locale.ROOT)), instant(fields.get("created")),
				instant(fields.get("not-after")), (retiresAt != null) ? instant(retiresAt) : null,
				Arrays.asList(fields.get("routes").split(" ")), fields.get("plan"));
	}

	private static Instant instant(String epochMillis) {
		return Instant.ofEpochMilli(Long.parseLong(epochMillis));
	}

	private static String hashKey(String sha256) {
		return PREFIX + "hash:" + sha256;
	}

	private static String idKey(String id) {
		return PREFIX + "id:" + id;
	}

	private static String partnerKey(String partner) {
		return PREFIX + "partner:" + partner;
	}

}
