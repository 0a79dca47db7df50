package dev.gatehouse.e2e;

import dev.gatehouse.test.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.boot.convert.DurationStyle;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.redis.RedisServer;

/**
 * The {@link Target} of the run, once per test run. By default the platform started
 * through the launcher, the same code as {@code ./gatehouse up}, on free ports, stopped
 * when the run ends; every service must be built: a missing jar fails the run instead of
 * shrinking what it tests. With {@code -Dgatehouse.e2e.target=compose}, a running docker
 * compose stack ({@link ComposeTarget}). Tests take a {@link Target}; a test that takes
 * the launcher's {@link Platform} must be {@link LauncherOnly}.
 */
public final class RunningPlatform implements BeforeAllCallback, ParameterResolver {

	/** The run's settings for every service, shared with docker-compose.e2e.yml. */
	private static final Properties ALL_SERVICES = settings("all-services.properties");

	/** The run's settings for the gateway, shared with docker-compose.e2e.yml. */
	private static final Properties GATEWAY = settings("gateway.properties");

	/** How long the services trust fetched signing keys in these tests. */
	static final Duration KEY_CACHE_TTL = duration("gatehouse.security.jwk-set-cache-ttl");

	static final Duration CLOCK_SKEW = duration("gatehouse.security.clock-skew");

	static final Path STATE = Path.of("target/gatehouse-state").toAbsolutePath();

	/**
	 * A client with a tight limit of its own in gateway.properties (2 requests, then one
	 * per 50 s).
	 */
	static final String RATE_LIMITED_CLIENT = "e2e-rate-limited";

	private static final List<String> REQUIRED = List.of("customer-service", "policy-service", "gateway");

	@Override
	public void beforeAll(ExtensionContext context) {
		target(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == Target.class || type == Platform.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Target target = target(context);
		if (parameter.getParameter().getType() == Target.class) {
			return target;
		}
		if (target instanceof LauncherTarget launcher) {
			return launcher.platform();
		}
		throw new ParameterResolutionException(parameter.getDeclaringExecutable()
				+ " needs the launcher's platform; mark it @LauncherOnly with the reason it cannot run against compose");
	}

	static Target target(ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(Started.class, (key) -> start(), Started.class)
			.target();
	}

	private static Started start() {
		String target = System.getProperty(Target.PROPERTY, "launcher");
		return switch (target) {
			case "launcher" -> startLauncher();
			case "compose" -> new Started(ComposeTarget.connect(), null);
			default -> throw new IllegalArgumentException(
					Target.PROPERTY + "=" + target + ": the suite runs against 'launcher' or 'compose'");
		};
	}

	private static Started startLauncher() {
		Path root = Repository.ROOT;
		PlatformConfig config = PlatformConfig.defaults(root).withFreePorts().withStateDir(STATE);
		// Redis keeps its data in the state folder between runs (as ./gatehouse up does):
		// each run starts from the configured API keys, not from an earlier run's
		// rotations.
		deleteTree(STATE.resolve(RedisServer.DATA));
		for (String key : ALL_SERVICES.stringPropertyNames()) {
			config = config.withPropertyForAllServices(key, ALL_SERVICES.getProperty(key));
		}
		for (String key : GATEWAY.stringPropertyNames()) {
			config = config.withServiceProperty("gateway", key, GATEWAY.getProperty(key));
		}
		Platform platform = Platform.start(config);
		List<String> missing = REQUIRED.stream().filter((name) -> platform.service(name).isEmpty()).toList();
		if (!missing.isEmpty()) {
			platform.close();
			throw new IllegalStateException("Not built, so not started: " + missing + "; run mvn verify from the root");
		}
		return new Started(new LauncherTarget(platform), platform);
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Properties settings(String file) {
		Properties properties = new Properties();
		try (InputStream in = RunningPlatform.class.getResourceAsStream("/platform/" + file)) {
			if (in == null) {
				throw new IOException("not on the class path");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the run's settings platform/" + file, ex);
		}
		return properties;
	}

	private static Duration duration(String key) {
		return DurationStyle.detectAndParse(ALL_SERVICES.getProperty(key));
	}

	/**
	 * Closed by JUnit when the root context closes, i.e. at the end of the run. Against
	 * compose there is no platform to stop: the stack belongs to whoever brought it up.
	 */
	private record Started(Target target, Platform platform) implements AutoCloseable {

		Started {
			Http.trust(target.trust());
		}

		@Override
		public void close() {
			if (this.platform != null) {
				this.platform.close();
			}
		}

	}

}
