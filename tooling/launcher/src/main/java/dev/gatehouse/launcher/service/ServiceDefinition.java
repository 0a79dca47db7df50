package dev.gatehouse.launcher.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Spring Boot service of the platform, run as
 * {@code java -jar <module>/target/<module>.jar}.
 *
 * @param name component name, also the name of its HTTP port; its management port is
 * {@code <name>-management}
 * @param module Maven module folder; the jar is {@code <module>/target/<module>.jar}
 * @param extraPorts further named ports with their defaults (the gateway's TLS listener,
 * for one)
 * @param specificArguments arguments only this service needs, given the resolved ports
 * @param environment environment variables, the way services take secrets (never on a
 * command line, which {@code ps} shows to everyone)
 */
public record ServiceDefinition(String name, String module, int defaultPort, int defaultManagementPort,
		Map<String, Integer> extraPorts, Function<PortResolver, List<String>> specificArguments,
		Map<String, String> environment) {

	public ServiceDefinition {
		extraPorts = Map.copyOf(extraPorts);
		environment = Map.copyOf(environment);
	}

	@Override
	public String toString() {
		return "ServiceDefinition[" + name + "]";
	}

	public String managementPortName() {
		return name + "-management";
	}

	public Path jar(Path repoRoot) {
		return repoRoot.resolve(module).resolve("target").resolve(module + ".jar");
	}

	/** The command that builds the jar, for the message shown when it is missing. */
	public String buildCommand() {
		return "mvn -q -DskipTests -pl " + module + " -am package";
	}

	/** Arguments every service gets, then this service's own. */
	public List<String> arguments(int port, int managementPort, String issuerUri, PortResolver ports) {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
				"--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
				"--gatehouse.security.issuer-uri=" + issuerUri));
		args.addAll(specificArguments.apply(ports));
		return args;
	}
}
