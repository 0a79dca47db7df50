package dev.gatehouse.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.launcher.keycloak.KeycloakDistribution;
import dev.gatehouse.launcher.keycloak.KeycloakOptions;
import dev.gatehouse.launcher.process.Executables;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.launcher.process.RunDirectory;
import dev.gatehouse.launcher.service.ServiceDefinition;
import dev.gatehouse.launcher.service.ServiceLaunch;
import dev.gatehouse.launcher.service.Services;

/**
 * Where and how the platform runs. Immutable; every {@code with...} returns a changed
 * copy. {@link #defaults(Path)} uses the contract's ports; tests use
 * {@link #withFreePorts()} and a state folder of their own so that they never meet a
 * platform started by {@code ./gatehouse up}.
 */
public final class PlatformConfig {

	public static final String KEYCLOAK = "keycloak";

	public static final String KEYCLOAK_MANAGEMENT = "keycloak-management";

	public static final String KEYCLOAK_HTTPS = "keycloak-https";

	public static final int KEYCLOAK_HTTPS_PORT = 8543;

	public static final int KEYCLOAK_PORT = 8180;

	/** Not Keycloak's default 9000, which other local tools like to take. */
	public static final int KEYCLOAK_MANAGEMENT_PORT = 9180;

	/**
	 * The gateway's rate-limit store; used only when a {@code redis-server} is on the
	 * PATH.
	 */
	public static final String REDIS = "redis";

	public static final int REDIS_PORT = 6379;

	public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

	private final Path repoRoot;

	private final Path stateDir;

	private final Path workDir;

	private final Path realmDirectory;

	private final boolean demo;

	private final Map<String, Integer> ports;

	private final List<ServiceDefinition> services;

	private final Map<String, List<String>> extraArguments;

	private final Duration startupTimeout;

	private PlatformConfig(Path repoRoot, Path stateDir, Path workDir, Path realmDirectory, boolean demo,
			Map<String, Integer> ports, List<ServiceDefinition> services, Map<String, List<String>> extraArguments,
			Duration startupTimeout) {
		this.repoRoot = repoRoot;
		this.stateDir = stateDir;
		this.workDir = workDir;
		this.realmDirectory = realmDirectory;
		this.demo = demo;
		this.ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
		this.services = List.copyOf(services);
		this.extraArguments = Map.copyOf(extraArguments);
		this.startupTimeout = startupTimeout;
	}

	/**
	 * Contract ports, state in {@code <repo>/.gatehouse}, the realm from
	 * {@code auth-server-config} with the demo profile on (demo users, API keys, Basic
	 * user, partner certificate, rows), Keycloak unpacked under {@code $GATEHOUSE_HOME}
	 * (default {@code ~/.gatehouse}).
	 */
	public static PlatformConfig defaults(Path repoRoot) {
		Path root = repoRoot.toAbsolutePath().normalize();
		return new PlatformConfig(root, root.resolve(".gatehouse"), defaultWorkDir(),
				root.resolve("auth-server-config"), true, defaultPorts(Services.all()), Services.all(), Map.of(),
				DEFAULT_STARTUP_TIMEOUT);
	}

	private static Path defaultWorkDir() {
		String home = System.getenv("GATEHOUSE_HOME");
		if (home != null && !home.isBlank()) {
			return Path.of(home).toAbsolutePath().normalize();
		}
		return Path.of(System.getProperty("user.home"), ".gatehouse");
	}

	private static Map<String, Integer> defaultPorts(List<ServiceDefinition> services) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put(KEYCLOAK, KEYCLOAK_PORT);
		ports.put(KEYCLOAK_MANAGEMENT, KEYCLOAK_MANAGEMENT_PORT);
		ports.put(KEYCLOAK_HTTPS, KEYCLOAK_HTTPS_PORT);
		ports.put(REDIS, REDIS_PORT);
		for (ServiceDefinition service : services) {
			ports.put(service.name(), service.defaultPort());
			ports.put(service.managementPortName(), service.defaultManagementPort());
			ports.putAll(service.extraPorts());
		}
		return ports;
	}

	/** Every port replaced by one that is free right now. */
	public PlatformConfig withFreePorts() {
		List<Integer> free = Ports.free(ports.size());
		Map<String, Integer> replaced = new LinkedHashMap<>();
		int i = 0;
		for (String name : ports.keySet()) {
			replaced.put(name, free.get(i++));
		}
		return new PlatformConfig(repoRoot, stateDir, workDir, realmDirectory, demo, replaced, services, extraArguments,
				startupTimeout);
	}

	public PlatformConfig withPort(String name, int port) {
		Map<String, Integer> changed = new LinkedHashMap<>(ports);
		changed.put(name, port);
		return new PlatformConfig(repoRoot, stateDir, workDir, realmDirectory, demo, changed, services, extraArguments,
				startupTimeout);
	}

	/** Logs and run records go to {@code <stateDir>/logs} and {@code <stateDir>/run}. */
	public PlatformConfig withStateDir(Path dir) {
		return new PlatformConfig(repoRoot, dir.toAbsolutePath().normalize(), workDir, realmDirectory, demo, ports,
				services, extraArguments, startupTimeout);
	}

	/** Where Keycloak distributions are unpacked and built. */
	public PlatformConfig withWorkDir(Path dir) {
		return new PlatformConfig(repoRoot, stateDir, dir.toAbsolutePath().normalize(), realmDirectory, demo, ports,
				services, extraArguments, startupTimeout);
	}

	/**
	 * Where the realm files are read from at each start (default
	 * {@code <repo>/auth-server-config}).
	 */
	public PlatformConfig withRealmDirectory(Path directory) {
		return new PlatformConfig(repoRoot, stateDir, workDir, directory.toAbsolutePath().normalize(), demo, ports,
				services, extraArguments, startupTimeout);
	}

	/**
	 * Whether the demo profile is on: demo users in the realm, the services' {@code demo}
	 * profile.
	 */
	public PlatformConfig withDemo(boolean on) {
		return new PlatformConfig(repoRoot, stateDir, workDir, realmDirectory, on, ports, services, extraArguments,
				startupTimeout);
	}

	/**
	 * The services to run, in start order; ports of services not known before get their
	 * defaults.
	 */
	public PlatformConfig withServices(List<ServiceDefinition> chosen) {
		Map<String, Integer> changed = new LinkedHashMap<>(ports);
		defaultPorts(chosen).forEach(changed::putIfAbsent);
		return new PlatformConfig(repoRoot, stateDir, workDir, realmDirectory, demo, changed, chosen, extraArguments,
				startupTimeout);
	}

	/**
	 * Adds {@code --key=value} to one service's command line, e.g. a short JWK cache TTL
	 * in a test.
	 */
	public PlatformConfig withServiceProperty(String service, String key, String value) {
		return withServiceArguments(service, "--" + key + "=" + value);
	}

	/** Adds {@code --key=value} to every service's command line. */
	public PlatformConfig withPropertyForAllServices(String key, String value) {
		PlatformConfig config = this;
		for (ServiceDefinition service : services) {
			config = config.withServiceProperty(service.name(), key, value);
		}
		return config;
	}

	public PlatformConfig withServiceArguments(String service, String... arguments) {
		Map<String, List<String>> changed = new LinkedHashMap<>(extraArguments);
		List<String> list = new ArrayList<>(changed.getOrDefault(service, List.of()));
		list.addAll(List.of(arguments));
		changed.put(service, List.copyOf(list));
		return new PlatformConfig(repoRoot, stateDir, workDir, realmDirectory, demo, ports, services, changed,
				startupTimeout);
	}

	public PlatformConfig withStartupTimeout(Duration timeout) {
		return new PlatformConfig(repoRoot, stateDir, workDir, realmDirectory, demo, ports, services, extraArguments,
				timeout);
	}

	public Path repoRoot() {
		return repoRoot;
	}

	public Path stateDir() {
		return stateDir;
	}

	public Path workDir() {
		return workDir;
	}

	public Path realmDirectory() {
		return realmDirectory;
	}

	public boolean demo() {
		return demo;
	}

	public Duration startupTimeout() {
		return startupTimeout;
	}

	public RunDirectory runDirectory() {
		return new RunDirectory(stateDir);
	}

	public List<ServiceDefinition> services() {
		return services;
	}

	/**
	 * Every named port: {@code keycloak}, {@code keycloak-management}, {@code <service>},
	 * {@code <service>-management}, ...
	 */
	public Map<String, Integer> ports() {
		return ports;
	}

	public int port(String name) {
		Integer port = ports.get(name);
		if (port == null) {
			throw new IllegalArgumentException("no port named '" + name + "'; known: " + ports.keySet());
		}
		return port;
	}

	public int keycloakPort() {
		return port(KEYCLOAK);
	}

	public int keycloakManagementPort() {
		return port(KEYCLOAK_MANAGEMENT);
	}

	/**
	 * {@code http://localhost:<keycloak port>}: the host name is part of the issuer, so
	 * it is localhost, not 127.0.0.1.
	 */
	public String keycloakUrl() {
		return "http://localhost:" + keycloakPort();
	}

	public String issuerUri() {
		return keycloakUrl() + "/realms/gatehouse";
	}

	public String serviceUrl(String service) {
		return "http://127.0.0.1:" + port(service);
	}

	public KeycloakOptions keycloakOptions() {
		return new KeycloakOptions(KeycloakDistribution.pinnedVersion(), keycloakPort(), port(KEYCLOAK_HTTPS),
				keycloakManagementPort(), pkiDirectory(), realmDirectory, demo, workDir, runDirectory(), startupTimeout,
				gatewayOrigins());
	}

	/**
	 * The realm registers the portal's redirect URIs on the gateway's default ports;
	 * Keycloak gets them on this run's.
	 */
	Map<String, String> gatewayOrigins() {
		return Map.of(portalOrigin(Services.GATEWAY.defaultPort()), portalOrigin(port(Services.GATEWAY.name())),
				"https://localhost:" + Services.GATEWAY.extraPorts().get("gateway-tls"),
				"https://localhost:" + port("gateway-tls"));
	}

	/**
	 * The portal's address on the plain listener: 127.0.0.1, the host of the redirect URI
	 * the realm registers (a session cookie belongs to the host it was set for).
	 */
	public String portalUrl() {
		return portalOrigin(port(Services.GATEWAY.name())) + "/portal/";
	}

	private static String portalOrigin(int port) {
		return "http://127.0.0.1:" + port;
	}

	/**
	 * The development PKI ({@code <stateDir>/pki}): made at the first {@code up}, remade
	 * by {@code ./gatehouse pki}.
	 */
	public Path pkiDirectory() {
		return stateDir.resolve("pki");
	}

	/**
	 * The {@code redis-server} to run for the gateway's shared rate limits: the one on
	 * the PATH, unless {@code GATEHOUSE_RATE_LIMIT_STORE=memory} asks for the in-memory
	 * store.
	 */
	public Optional<Path> redisServer() {
		if ("memory".equalsIgnoreCase(System.getenv("GATEHOUSE_RATE_LIMIT_STORE"))) {
			return Optional.empty();
		}
		return Executables.onPath("redis-server");
	}

	public ServiceLaunch serviceLaunch(ServiceDefinition service) {
		List<String> arguments = new ArrayList<>(
				service.arguments(port(service.name()), port(service.managementPortName()), issuerUri(), this::port));
		if (service.name().equals(Services.GATEWAY.name())) {
			arguments.add("--gatehouse.tls.directory=" + pkiDirectory());
		}
		if (service.name().equals(Services.GATEWAY.name()) && redisServer().isPresent()) {
			arguments.add("--gatehouse.gateway.rate-limits.store=redis");
			arguments.add("--spring.data.redis.port=" + port(REDIS));
		}
		if (demo) {
			// Added to whatever profiles a test activates: the demo API keys, Basic user,
			// partner certificate and rows.
			arguments.add("--spring.profiles.include=demo");
		}
		arguments.addAll(extraArguments.getOrDefault(service.name(), List.of()));
		return new ServiceLaunch(service, service.jar(repoRoot), port(service.name()),
				port(service.managementPortName()), arguments, repoRoot, runDirectory(), startupTimeout);
	}

	@Override
	public String toString() {
		return "PlatformConfig[repoRoot=" + repoRoot + ", stateDir=" + stateDir + ", ports=" + ports + "]";
	}

}
