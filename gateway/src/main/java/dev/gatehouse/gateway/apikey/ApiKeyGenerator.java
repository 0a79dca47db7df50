package dev.gatehouse.gateway.apikey;

import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import dev.gatehouse.security.Brand;

/**
 * {@code ./gatehouse apikey new <partner>}: a new random key for a partner, and the entry
 * that configures it; {@code rotate}, {@code revoke} and {@code list} work on the key
 * store in Redis ({@link ApiKeyStoreCommand}). The key is printed once and stored
 * nowhere; the gateway only ever holds its SHA-256 (see {@link ApiKeyHashes}).
 * <p>
 * Run as
 * {@code java -cp gateway/target/gateway.jar -Dloader.main=dev.gatehouse.gateway.apikey.ApiKeyGenerator
 * org.springframework.boot.loader.launch.PropertiesLauncher apikey new acme}.
 */
public final class ApiKeyGenerator {

	private static final Pattern PARTNER = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	/**
	 * 128 random bits: beyond guessing, and enough that a fast hash is a safe way to
	 * store it.
	 */
	private static final int KEY_BYTES = 16;

	/** How long a new key is valid. */
	static final Duration VALIDITY = Duration.ofDays(365);

	private static final List<String> STORE_COMMANDS = List.of("rotate", "revoke", "list");

	private final SecureRandom random;

	private final Clock clock;

	private final URI redis;

	private final String operator;

	private final String keyPrefix;

	ApiKeyGenerator(SecureRandom random, Clock clock, String keyPrefix) {
		this(random, clock, URI.create("redis://127.0.0.1:6379"), "operator", keyPrefix);
	}

	ApiKeyGenerator(SecureRandom random, Clock clock, URI redis, String operator, String keyPrefix) {
		this.random = random;
		this.clock = clock;
		this.redis = redis;
		this.operator = operator;
		this.keyPrefix = keyPrefix;
	}

	public static void main(String[] args) {
		// Only warnings, and the audit events of key changes, on the console: without a
		// configuration Logback would print every client library's debug output.
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("gatehouse.audit")).setLevel(Level.INFO);
		String redis = System.getenv().getOrDefault("GATEHOUSE_REDIS_URL", "redis://127.0.0.1:6379");
		ApiKeyGenerator generator = new ApiKeyGenerator(new SecureRandom(), Clock.systemUTC(), URI.create(redis),
				"operator:" + System.getProperty("user.name"), configuredKeyPrefix());
		System.exit(generator.run(args, System.out, System.err));
	}

	/**
	 * The key prefix of the gateway's configuration (gatehouse.brand.api-key-prefix in
	 * the generated configuration the jar carries): this command runs without the
	 * application, and must issue the keys the gateway would.
	 */
	static String configuredKeyPrefix() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("gatehouse-generated.yaml"));
		Properties properties = yaml.getObject();
		return (properties != null)
				? properties.getProperty("gatehouse.brand.api-key-prefix", Brand.DEFAULT.apiKeyPrefix())
				: Brand.DEFAULT.apiKeyPrefix();
	}

	/**
	 * @return the process exit code
	 */
	int run(String[] args, PrintStream out, PrintStream err) {
		List<String> words = Arrays.asList(args);
		if (!words.isEmpty() && words.get(0).equals("apikey")) {
			words = words.subList(1, words.size());
		}
		if (!words.isEmpty() && STORE_COMMANDS.contains(words.get(0))) {
			return new ApiKeyStoreCommand(this, this.clock, this.redis, this.operator).run(words, out, err);
		}
		if (words.size() != 2 || !words.get(0).equals("new")) {
			err.println("usage: apikey new <partner>");
			err.println(ApiKeyStoreCommand.USAGE);
			return 2;
		}
		String partner = words.get(1);
		if (!PARTNER.matcher(partner).matches()) {
			err.println(
					"apikey: the partner name must be 1-32 lower-case letters, digits or '-', starting with a letter or digit");
			return 2;
		}
		NewKey key = generate(partner);
		out.println("API key for partner '" + partner + "' (hand it over once; it is not stored anywhere):");
		out.println();
		out.println("  " + key.key());
		out.println();
		out.println("Add this entry under gatehouse.gateway.api-keys.keys in the gateway's configuration;");
		out.println("a partner may have two active keys, so revoke the old one once the partner has switched:");
		out.println();
		out.print(key.yaml());
		return 0;
	}

	NewKey generate(String partner) {
		HexFormat hex = HexFormat.of();
		byte[] secret = new byte[KEY_BYTES];
		this.random.nextBytes(secret);
		byte[] idSuffix = new byte[4];
		this.random.nextBytes(idSuffix);
		String key = this.keyPrefix + "live_" + partner + "_" + hex.formatHex(secret);
		String id = partner + "-" + hex.formatHex(idSuffix);
		String yaml = """
				      - id: %s
				        partner: %s
				        sha256: %s
				        status: active
				        expires-at: %s
				        routes: [/partner/v1/policies, /partner/v1/policies/**]
				        plan: bronze
				""".formatted(id, partner, ApiKeyHashes.sha256(key),
				this.clock.instant().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS));
		return new NewKey(id, key, yaml);
	}

	record NewKey(String id, String key, String yaml) {
	}

}
