package dev.gatehouse.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.launcher.process.RunDirectory;
import dev.gatehouse.launcher.service.ServiceDefinition;
import dev.gatehouse.launcher.service.ServiceLaunch;
import dev.gatehouse.launcher.service.ServiceProcess;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.test.TestPostgres;
import dev.gatehouse.test.edge.Commands;

/**
 * The services gatehouse.yaml describes (a generated one too) and the gateway, each
 * started from its packaged jar with the environment docker-compose.yml gives its
 * container, against local stand-ins for the compose network: Keycloak through the
 * launcher (pinned to the public issuer http://localhost:&lt;port&gt;), PostgreSQL from
 * Maven-provided binaries, the launcher's redis-server, and one {@link Relay} per service
 * standing in for {@code keycloak:8080}. Started once per test run (Keycloak starts once
 * for the whole module) and stopped when the run ends.
 *
 * <p>
 * Only host names, ports and paths that exist inside the compose network are rewritten
 * ({@link #localValue}); every variable is passed, none added, and the command line
 * carries nothing but the listen ports, so whatever the services do is what the compose
 * variables make them do.
 */
final class ComposePlatform implements AutoCloseable {

	static final List<String> APPLICATIONS = DescribedPlatform.APPLICATIONS;

	private static final Path STATE = Path.of("target/compose-platform").toAbsolutePath();

	private static final Duration STARTUP = Duration.ofSeconds(240);

	private final Platform keycloak;

	private final TestPostgres.Connection postgres;

	private final Map<String, Relay> relays = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

	private final List<ServiceProcess> processes = new ArrayList<>();

	/**
	 * Stands in for compose's pki volume (/pki), made as its one-shot pki service makes
	 * it.
	 */
	private final Path pki = STATE.resolve("pki");

	private ComposePlatform() throws IOException, SQLException {
		DevPki.in(this.pki).createIfMissing();
		this.postgres = TestPostgres.get();
		createDatabases();
		PlatformConfig config = PlatformConfig.defaults(Commands.ROOT)
			.withFreePorts()
			.withStateDir(STATE.resolve("keycloak"))
			.withServices(List.of());
		// The launcher starts Redis beside Keycloak; compose's gateway counts its limits
		// there.
		if (config.redisServer().isEmpty()) {
			throw new IllegalStateException("compose's gateway needs Redis: install redis-server"
					+ " and leave GATEHOUSE_RATE_LIMIT_STORE unset");
		}
		this.keycloak = Platform.start(config);
		boolean started = false;
		try {
			List<Integer> free = Ports.free(APPLICATIONS.size() * 2 + 1);
			int i = 0;
			for (String name : APPLICATIONS) {
				this.ports.put(name, free.get(i++));
				this.ports.put(name + "-management", free.get(i++));
				this.relays.put(name, new Relay(this.keycloak.config().keycloakPort()));
			}
			this.ports.put("gateway-tls", free.get(i));
			this.ports.put("redis", this.keycloak.config().port(PlatformConfig.REDIS));
			for (String name : APPLICATIONS) {
				Map<String, String> environment = new LinkedHashMap<>();
				ComposeFile.environment(name)
					.forEach((key, value) -> environment.put(key, localValue(name, key, value)));
				this.environments.put(name, environment);
				this.processes.add(ServiceProcess.start(launch(name, environment)));
			}
			for (ServiceProcess process : this.processes) {
				process.awaitHealthy();
			}
			started = true;
		}
		finally {
			// Whatever failed (a linkage error included), no Keycloak or service is left
			// running.
			if (!started) {
				close();
			}
		}
	}

	static ComposePlatform get(ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(ComposePlatform.class, (key) -> start(), ComposePlatform.class);
	}

	private static ComposePlatform start() {
		try {
			return new ComposePlatform();
		}
		catch (IOException | SQLException ex) {
			throw new IllegalStateException("could not start the platform with compose's environment", ex);
		}
	}

	/**
	 * The value a compose variable takes here: compose-network addresses mapped to local
	 * ones.
	 */
	private String localValue(String service, String key, String value) {
		int keycloakPort = this.keycloak.config().keycloakPort();
		if (key.equals("SPRING_DATA_REDIS_HOST") && value.equals("redis")) {
			return "127.0.0.1";
		}
		if (key.equals("SPRING_DATA_REDIS_PORT") && value.equals("6379")) {
			return String.valueOf(port("redis"));
		}
		return switch (value) {
			// Not bound to every interface of the CI machine; the container binds
			// 0.0.0.0.
			case "0.0.0.0" -> "127.0.0.1";
			// The edge's fixed compose address; locally the edge runs on loopback.
			case "172.30.0.10/32" -> "127.0.0.1/32";
			case "/pki" -> this.pki.toString();
			default -> localServiceAddresses(value.replace("http://localhost:8180", "http://localhost:" + keycloakPort)
				.replace("http://keycloak:8080", "http://127.0.0.1:" + this.relays.get(service).port())
				.replace("jdbc:postgresql://postgres:5432/", "jdbc:postgresql://localhost:" + postgresPort() + "/"));
		};
	}

	/**
	 * A described service's compose address (https://customer-service:8081) mapped to
	 * where it runs here.
	 */
	private String localServiceAddresses(String value) {
		String local = value;
		for (PlatformDescription.Service described : DescribedPlatform.DESCRIPTION.serviceList()) {
			local = local.replace("https://" + described.name() + ":" + described.port(), url(described.name()));
		}
		return local;
	}

	private ServiceLaunch launch(String name, Map<String, String> environment) {
		ServiceDefinition definition = new ServiceDefinition(name, name, port(name), port(name + "-management"),
				Map.of(), (resolver) -> List.of(), environment);
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=" + port(name), "--management.server.port=" + port(name + "-management")));
		if (name.equals("gateway")) {
			arguments.add("--gatehouse.tls.port=" + port("gateway-tls"));
		}
		return new ServiceLaunch(definition, Commands.ROOT.resolve(ComposeFile.builtJar(name)), port(name),
				port(name + "-management"), arguments, Commands.ROOT, new RunDirectory(STATE), STARTUP);
	}

	/**
	 * The databases and owners that deploy/postgres/init-databases.sh creates in the
	 * container: one per described service, with the user and password compose gives it.
	 */
	private void createDatabases() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl(), this.postgres.username(),
				this.postgres.password()); Statement statement = connection.createStatement()) {
			for (PlatformDescription.Service described : DescribedPlatform.DESCRIPTION.serviceList()) {
				Map<String, String> environment = ComposeFile.environment(described.name());
				String prefix = ServiceDeploymentTests.prefix(described);
				createDatabase(statement, environment.get(prefix + "_DB_USERNAME"),
						environment.get(prefix + "_DB_PASSWORD"), described.database());
			}
		}
	}

	private static void createDatabase(Statement statement, String user, String password, String database)
			throws SQLException {
		statement.execute("DROP DATABASE IF EXISTS " + database);
		statement.execute("DROP ROLE IF EXISTS " + user);
		statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
		statement.execute("CREATE DATABASE " + database + " OWNER " + user);
		statement.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
	}

	/** One Redis command without arguments, its reply's first line. */
	static String redisCommand(int port, String command) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("*1\r\n$" + command.length() + "\r\n" + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			return reader.readLine();
		}
	}

	int postgresPort() {
		Matcher matcher = Pattern.compile("//[^:/]+:(\\d+)/").matcher(this.postgres.jdbcUrl());
		if (!matcher.find()) {
			throw new IllegalStateException("no port in " + this.postgres.jdbcUrl());
		}
		return Integer.parseInt(matcher.group(1));
	}

	int port(String name) {
		return this.ports.get(name);
	}

	/**
	 * The services speak only mutual TLS (compose's secure profile); the gateway's main
	 * listener plain HTTP.
	 */
	String url(String name) {
		return (name.equals("gateway") ? "http://127.0.0.1:" : "https://localhost:") + port(name);
	}

	Platform keycloak() {
		return this.keycloak;
	}

	Relay relay(String service) {
		return this.relays.get(service);
	}

	Map<String, String> environment(String service) {
		return this.environments.get(service);
	}

	/** The output of a started application, as its container would write it to stdout. */
	Path logFile(String service) {
		return this.processes.stream()
			.filter((process) -> process.name().equals(service))
			.findFirst()
			.orElseThrow()
			.logFile();
	}

	Path pki() {
		return this.pki;
	}

	Path log(String service) {
		return STATE.resolve("logs").resolve(service + ".log");
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + postgresPort() + "/" + database;
	}

	/** Lines of the gateway's log, which carries its JSON access log. */
	List<String> gatewayLog() throws IOException {
		return Files.readAllLines(log("gateway"));
	}

	@Override
	public void close() {
		for (ServiceProcess process : this.processes) {
			process.close();
		}
		for (Relay relay : this.relays.values()) {
			try {
				relay.close();
			}
			catch (IOException ex) {
				// The run ends; the socket goes with the JVM.
			}
		}
		this.keycloak.close();
	}

	/**
	 * Resolves {@link ComposePlatform} parameters of test methods and lifecycle methods.
	 */
	static final class Extension implements ParameterResolver {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == ComposePlatform.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return get(context);
		}

	}

}
