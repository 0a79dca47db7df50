package dev.gatehouse.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;

/**
 * Starts the platform once per test run through the launcher, the same code as
 * {@code ./gatehouse up}, on free ports, and stops it when the run ends. Every service must be
 * built: a missing jar fails the run instead of shrinking what it tests.
 */
public final class RunningPlatform implements BeforeAllCallback, ParameterResolver {

	/**
	 * How long the services trust fetched signing keys in these tests (the production default is
	 * five minutes, see the README).
	 */
	static final Duration KEY_CACHE_TTL = Duration.ofSeconds(10);

	/**
	 * At most two key-set fetches in this time: long enough that the key-rotation test does its
	 * steps within one interval, so anything that spent fetches before the rotation shows.
	 */
	static final Duration KEY_REFETCH_MIN_INTERVAL = Duration.ofSeconds(5);

	static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

	static final Path STATE = Path.of("target/gatehouse-state").toAbsolutePath();

	static final String RATE_LIMITED_CLIENT = "e2e-rate-limited";

	private static final String RATE_LIMITED_CLIENT_LIMIT = "gatehouse.gateway.rate-limits.routes.customers.clients."
			+ RATE_LIMITED_CLIENT;

	private static final List<String> REQUIRED = List.of("customer-service", "policy-service", "gateway");

	/**
	 * The authorization matrix calls every endpoint as every caller, hundreds of requests in
	 * seconds: its callers get budgets it never exhausts, per route and client (the clients' azp;
	 * for users gatehouse-web), per partner, and on the Basic route, whose limit is per route.
	 */
	private static final Map<String, List<String>> MATRIX_CALLERS = Map.of(
			"customers", List.of("gatehouse-web", "reporting-batch", "policy-service", "gatehouse-gateway", "acme-partner"),
			"policies", List.of("gatehouse-web", "reporting-batch", "policy-service", "gatehouse-gateway", "acme-partner"),
			"partner-v1", List.of("acme"), "partner-mtls", List.of("acme"));

	@Override
	public void beforeAll(ExtensionContext context) {
		platform(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Platform.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return platform(context);
	}

	static Platform platform(ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(Started.class, (key) -> start(), Started.class)
			.platform();
	}

	private static Started start() {
		Path root = Path.of("..").toAbsolutePath().normalize();
		PlatformConfig config = PlatformConfig.defaults(root)
			.withFreePorts()
			.withStateDir(STATE)
			// Only the client TroubleshootingTableEndToEndIntegrationTests creates for the rate-limit row:
			// 2 requests, then one per 50 s (100 tokens, refilled 1 per second, 50 per request).
			.withServiceProperty("gateway", RATE_LIMITED_CLIENT_LIMIT + ".replenish-rate", "1")
			.withServiceProperty("gateway", RATE_LIMITED_CLIENT_LIMIT + ".burst-capacity", "100")
			.withServiceProperty("gateway", RATE_LIMITED_CLIENT_LIMIT + ".requested-tokens", "50")
			// The suite sends many refused credentials from 127.0.0.1 on purpose; the gateway's
			// limit per address (30 a minute) has its own tests in the gateway module.
			.withServiceProperty("gateway", "gatehouse.gateway.failed-authentication.max-failures", "100000")
			.withPropertyForAllServices("gatehouse.security.jwk-set-cache-ttl", KEY_CACHE_TTL.toSeconds() + "s")
			.withPropertyForAllServices("gatehouse.security.jwk-set-refetch-min-interval",
					KEY_REFETCH_MIN_INTERVAL.toSeconds() + "s")
			.withPropertyForAllServices("gatehouse.security.clock-skew", CLOCK_SKEW.toSeconds() + "s");
		for (Map.Entry<String, List<String>> route : MATRIX_CALLERS.entrySet()) {
			for (String client : route.getValue()) {
				String limit = "gatehouse.gateway.rate-limits.routes." + route.getKey() + ".clients." + client;
				config = config.withServiceProperty("gateway", limit + ".replenish-rate", "1000")
					.withServiceProperty("gateway", limit + ".burst-capacity", "2000");
			}
		}
		config = config.withServiceProperty("gateway", "gatehouse.gateway.rate-limits.routes.internal.replenish-rate", "1000")
			.withServiceProperty("gateway", "gatehouse.gateway.rate-limits.routes.internal.burst-capacity", "2000");
		Platform platform = Platform.start(config);
		List<String> missing = REQUIRED.stream().filter((name) -> platform.service(name).isEmpty()).toList();
		if (!missing.isEmpty()) {
			platform.close();
			throw new IllegalStateException("Not built, so not started: " + missing + "; run mvn verify from the root");
		}
		try {
			return new Started(platform, WafMirror.start(config.pkiDirectory(),
					List.of(config.port("gateway"), config.port("gateway-tls"))));
		}
		catch (IOException | RuntimeException ex) {
			platform.close();
			throw new IllegalStateException("Could not start the edge's WAF for the suite's requests", ex);
		}
	}

	/** Closed by JUnit when the root context closes, i.e. at the end of the run. */
	private record Started(Platform platform, WafMirror waf) implements AutoCloseable {

		Started {
			Http.mirrorThrough(waf);
		}

		@Override
		public void close() throws InterruptedException {
			Http.mirrorThrough(null);
			this.waf.close();
			this.platform.close();
		}

	}

}
