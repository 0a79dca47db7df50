package dev.gatehouse.gateway.apikey;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.gatehouse.gateway.GatewayProblemException;

/**
 * {@code ./gatehouse apikey rotate|revoke|list}: the operator's side of the key store,
 * straight against the Redis the gateways share ({@code GATEHOUSE_REDIS_URL}, default the
 * local run's {@code redis://127.0.0.1:6379}), with the rules and audit events of the key
 * API. A gateway without Redis keeps its keys in its own memory, which no other process
 * can reach: then the command says so.
 */
final class ApiKeyStoreCommand {

	static final String USAGE = "usage: apikey rotate <partner> [--retire-old-at <ISO-8601 time>] | apikey revoke <key-id>"
			+ " | apikey list <partner>";

	/** Old keys keep working this long when no time is given. */
	static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApiKeyGenerator generator;

	private final Clock clock;

	private final URI redis;

	private final String operator;

	ApiKeyStoreCommand(ApiKeyGenerator generator, Clock clock, URI redis, String operator) {
		this.generator = generator;
		this.clock = clock;
		this.redis = redis;
		this.operator = operator;
	}

	/**
	 * @param words the command and its arguments, e.g. {@code rotate acme}
	 * @return the process exit code
	 */
	int run(List<String> words, PrintStream out, PrintStream err) {
		Instant retireAt = this.clock.instant().plus(DEFAULT_OVERLAP);
		boolean valid = words.size() == 2
				|| (words.size() == 4 && words.get(0).equals("rotate") && words.get(2).equals("--retire-old-at"));
		if (!valid) {
			err.println(USAGE);
			return 2;
		}
		if (words.size() == 4) {
			try {
				retireAt = Instant.parse(words.get(3));
			}
			catch (DateTimeParseException ex) {
				err.println("apikey: --retire-old-at takes an ISO-8601 time such as 2026-07-01T12:00:00Z");
				return 2;
			}
		}
		LettuceConnectionFactory connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
				this.redis.getHost(), (this.redis.getPort() > 0) ? this.redis.getPort() : 6379));
		connections.afterPropertiesSet();
		connections.start();
		try {
			ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(connections);
			template.execute((connection) -> connection.ping()).blockFirst(TIMEOUT);
			RedisApiKeyStore store = new RedisApiKeyStore(template, TIMEOUT);
			return switch (words.get(0)) {
				case "rotate" -> rotate(store, words.get(1), retireAt, out);
				case "revoke" -> revoke(store, words.get(1), out, err);
				case "list" -> list(store, words.get(1), out);
				default -> {
					err.println(USAGE);
					yield 2;
				}
			};
		}
		catch (GatewayProblemException refused) {
			err.println("apikey: " + refused.getBody().getDetail());
			return 1;
		}
		catch (RuntimeException ex) {
			err.println("apikey: no Redis answers at " + this.redis + " (" + ex.getClass().getSimpleName()
					+ "). The gateway keeps its keys there only when it runs with Redis: ./gatehouse up starts it"
					+ " when redis-server is on the PATH; otherwise keys live in the gateway's memory and change"
					+ " through its key API (/portal/api/keys) or its configuration.");
			return 1;
		}
		finally {
			connections.destroy();
		}
	}

	private int rotate(RedisApiKeyStore store, String partner, Instant retireAt, PrintStream out) {
		PartnerKeys.Rotation rotation = keys(store).rotate(new PartnerAdmin(this.operator, partner), null, retireAt)
			.block(TIMEOUT);
		ApiKey created = rotation.created();
		out.println("New API key for partner '" + partner + "' (hand it over once; only its hash is stored):");
		out.println();
		out.println("  " + rotation.key());
		out.println();
		out.println("id " + created.id() + ", valid until " + created.notAfter() + ", plan " + created.plan()
				+ ", routes " + created.routes());
		rotation.retiring().forEach((old) -> out.println("replaced " + old.id() + ": works until " + old.retiresAt()));
		return 0;
	}

	private int revoke(RedisApiKeyStore store, String keyId, PrintStream out, PrintStream err) {
		ApiKey key = store.findById(keyId).block(TIMEOUT);
		if (key == null) {
			err.println("apikey: no key '" + keyId + "' in the store; apikey list <partner> shows the ids");
			return 1;
		}
		keys(store).revoke(new PartnerAdmin(this.operator, key.partner()), keyId).block(TIMEOUT);
		out.println("revoked " + keyId + " of partner " + key.partner());
		return 0;
	}

	private int list(RedisApiKeyStore store, String partner, PrintStream out) {
		Instant now = this.clock.instant();
		store.findByPartner(partner)
			.collectList()
			.block(TIMEOUT)
			.forEach((key) -> out
				.println(key.id() + "  " + key.state(now) + "  created " + key.created() + "  not-after "
						+ key.notAfter() + ((key.retiresAt() != null) ? "  retires-at " + key.retiresAt() : "")));
		return 0;
	}

	private PartnerKeys keys(RedisApiKeyStore store) {
		return new PartnerKeys(store, this.generator, new ApiKeyProperties(), this.clock, new KeyAudit());
	}

}
