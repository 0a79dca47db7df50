package dev.gatehouse.launcher.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.gatehouse.launcher.process.RunDirectory;

/**
 * Everything needed to run one service: built by {@code PlatformConfig#serviceLaunch}.
 *
 * @param arguments program arguments after {@code -jar <jar>}
 */
public record ServiceLaunch(ServiceDefinition definition, Path jar, int port, int managementPort,
		List<String> arguments, Path workingDirectory, RunDirectory runDirectory, Duration startupTimeout) {

	public ServiceLaunch {
		arguments = List.copyOf(arguments);
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public String healthUrl() {
		return "http://127.0.0.1:" + managementPort + "/actuator/health";
	}
}
