package dev.gatehouse.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.launcher.keycloak.KeycloakServer;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.launcher.process.ProcessTree;
import dev.gatehouse.launcher.process.RunDirectory;
import dev.gatehouse.launcher.process.RunRecord;
import dev.gatehouse.launcher.process.StartupException;
import dev.gatehouse.launcher.redis.RedisServer;
import dev.gatehouse.launcher.service.ServiceDefinition;
import dev.gatehouse.launcher.service.ServiceLaunch;
import dev.gatehouse.launcher.service.ServiceProcess;
import dev.gatehouse.launcher.token.Tokens;
import dev.gatehouse.realm.RealmFiles;

/**
 * The running platform: Keycloak first, Redis (when a {@code redis-server} is on the
 * PATH, for the gateway's shared rate limits), then every service whose jar is built.
 * {@link #close()} stops all of it; so does a failed start, which leaves nothing behind.
 *
 * <pre>{@code
 * try (Platform platform = Platform.start(PlatformConfig.defaults(root).withFreePorts().withStateDir(dir))) {
 *     String token = platform.tokens().user("alice");
 *     ... platform.serviceUrl("customer-service") ...
 * }
 * }</pre>
 */
public final class Platform implements AutoCloseable {

	private static final Duration STRAY_GRACE = Duration.ofSeconds(20);

	private final PlatformConfig config;

	private final PrintStream out;

	private final List<ServiceProcess> services = new ArrayList<>();

	private final List<ServiceDefinition> skipped = new ArrayList<>();

	private KeycloakServer keycloak;

	private RedisServer redis;

	private volatile boolean closed;

	private Platform(PlatformConfig config, PrintStream out) {
		this.config = config;
		this.out = out;
	}

	/**
	 * Starts everything and waits until it is healthy, reporting progress on standard
	 * output.
	 */
	public static Platform start(PlatformConfig config) {
		return start(config, System.out);
	}

	public static Platform start(PlatformConfig config, PrintStream out) {
		return prepare(config, out).start();
	}

	/**
	 * A platform not started yet, for callers that must be able to {@link #close()} it
	 * while it starts (Ctrl-C).
	 */
	public static Platform prepare(PlatformConfig config, PrintStream out) {
		return new Platform(config, out);
	}

	public Platform start() {
		preflight();
		try {
			long began = System.nanoTime();
			register(KeycloakServer.launch(config.keycloakOptions(), out)).awaitReady();
			out.println("Keycloak is ready (" + secondsSince(began) + " s).");
			config.redisServer().ifPresentOrElse(binary -> {
				out.println("Starting Redis (rate-limit store) on " + RedisServer.url(config.port(PlatformConfig.REDIS))
						+ " ...");
				register(RedisServer.launch(binary, config.port(PlatformConfig.REDIS), config.stateDir(),
						config.runDirectory(), config.startupTimeout()));
			}, () -> out.println("No redis-server on the PATH: the gateway counts rate limits in memory."));
			List<ServiceProcess> launched = new ArrayList<>();
			for (ServiceDefinition service : config.services()) {
				if (skipped.contains(service)) {
					continue;
				}
				out.println("Starting " + service.name() + " on " + config.serviceUrl(service.name()) + " ...");
				launched.add(register(ServiceProcess.start(config.serviceLaunch(service))));
			}
			for (ServiceProcess service : launched) {
				service.awaitHealthy();
				out.println(service.name() + " is healthy (" + secondsSince(began) + " s).");
			}
			return this;
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void preflight() {
		RunDirectory run = config.runDirectory();
		List<RunRecord> live = run.records().stream().filter(RunRecord::isRunning).toList();
		if (!live.isEmpty()) {
			RunRecord first = live.get(0);
			String pids = String.join(",", first.liveProcesses().stream().map(p -> Long.toString(p.pid())).toList());
			throw new StartupException("Gatehouse already runs from " + run.root() + " (" + first.name() + ", pid "
					+ pids + "): stop it first with ./gatehouse down");
		}
		run.records().forEach(stale -> run.remove(stale.name()));
		if (!Files.isRegularFile(config.realmDirectory().resolve(RealmFiles.BASE))) {
			throw new StartupException("realm file not found: " + config.realmDirectory().resolve(RealmFiles.BASE)
					+ " (auth-server-config provides it)");
		}
		Map<Integer, String> ports = new LinkedHashMap<>();
		ports.put(config.keycloakPort(), "Keycloak HTTP");
		ports.put(config.keycloakManagementPort(), "Keycloak management");
		ports.put(config.port(PlatformConfig.KEYCLOAK_HTTPS), "Keycloak HTTPS");
		if (config.redisServer().isPresent()) {
			ports.put(config.port(PlatformConfig.REDIS), "Redis");
		}
		for (ServiceDefinition service : config.services()) {
			ServiceLaunch launch = config.serviceLaunch(service);
			if (!Files.isRegularFile(launch.jar())) {
				skipped.add(service);
				out.println("Skipping " + service.name() + ": " + config.repoRoot().relativize(launch.jar())
						+ " is not built (build it with: " + service.buildCommand() + ")");
				continue;
			}
			ports.put(launch.port(), service.name() + " HTTP");
			ports.put(launch.managementPort(), service.name() + " management");
			service.extraPorts().keySet().forEach(name -> ports.put(config.port(name), name));
		}
		Ports.requireFree(ports);
	}

	private synchronized <T extends AutoCloseable> T register(T component) {
		if (closed) {
			closeQuietly(component);
			throw new StartupException("start cancelled");
		}
		if (component instanceof KeycloakServer server) {
			keycloak = server;
		}
		else if (component instanceof RedisServer server) {
			redis = server;
		}
		else if (component instanceof ServiceProcess service) {
			services.add(service);
		}
		return component;
	}

	private static long secondsSince(long nanos) {
		return Math.round((System.nanoTime() - nanos) / 1e9);
	}

	public PlatformConfig config() {
		return config;
	}

	public KeycloakServer keycloak() {
		return keycloak;
	}

	public String keycloakUrl() {
		return keycloak.url();
	}

	/** {@code http://localhost:<port>/realms/gatehouse}. */
	public String issuerUri() {
		return keycloak.issuerUri();
	}

	/**
	 * The Keycloak bootstrap administrator, for the admin REST API; see also
	 * {@link KeycloakServer#adminAccessToken()}.
	 */
	public DemoCredentials.Admin keycloakAdmin() {
		return keycloak.admin();
	}

	public Tokens tokens() {
		return keycloak.tokens();
	}

	/** Started services, in start order. */
	public synchronized List<ServiceProcess> services() {
		return Collections.unmodifiableList(new ArrayList<>(services));
	}

	/** Services left out because their jar was not built. */
	public List<ServiceDefinition> skippedServices() {
		return List.copyOf(skipped);
	}

	public synchronized Optional<ServiceProcess> service(String name) {
		return services.stream().filter(service -> service.name().equals(name)).findFirst();
	}

	/** {@code http://127.0.0.1:<port>} of a started service. */
	public String serviceUrl(String name) {
		return service(name).map(ServiceProcess::url)
			.orElseThrow(() -> new IllegalStateException(name + " is not running (skipped: "
					+ skipped.stream().map(ServiceDefinition::name).toList() + ")"));
	}

	/**
	 * Stops a started service and starts it again on the same ports, waiting until it is
	 * healthy; for tests of what must survive a restart (the portal's sessions in Redis).
	 */
	public synchronized ServiceProcess restart(String name) {
		ServiceProcess running = service(name)
			.orElseThrow(() -> new IllegalStateException(name + " is not running, so it cannot be restarted"));
		stop(name, running);
		ServiceProcess restarted = ServiceProcess.start(config.serviceLaunch(running.launchDefinition()));
		services.set(services.indexOf(running), restarted);
		out.println("Restarting " + name + " ...");
		return restarted.awaitHealthy();
	}

	public boolean isClosed() {
		return closed;
	}

	/**
	 * Stops the services (last started first), then Redis, then Keycloak. Safe to call
	 * more than once, and from a shutdown hook.
	 */
	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		for (int i = services.size() - 1; i >= 0; i--) {
			stop(services.get(i).name(), services.get(i));
		}
		if (redis != null) {
			stop(RedisServer.NAME, redis);
		}
		if (keycloak != null) {
			stop(KeycloakServer.NAME, keycloak);
		}
		stopStrays();
	}

	private void stop(String name, AutoCloseable component) {
		out.println("Stopping " + name + " ...");
		closeQuietly(component);
	}

	/**
	 * A process spawned a moment before a Ctrl-C is recorded on disk before this platform
	 * learns of it.
	 */
	private void stopStrays() {
		RunDirectory run = config.runDirectory();
		for (RunRecord record : run.records()) {
			List<ProcessHandle> processes = record.liveProcesses();
			if (!processes.isEmpty()) {
				out.println("Stopping " + record.name() + " ...");
				ProcessTree.stopAll(processes, STRAY_GRACE);
			}
			run.remove(record.name());
		}
	}

	private void closeQuietly(AutoCloseable component) {
		try {
			component.close();
		}
		catch (Exception ex) {
			out.println("Could not stop cleanly: " + ex.getMessage());
		}
	}

}
