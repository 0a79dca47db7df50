package dev.gatehouse.launcher.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.launcher.process.Executables;
import dev.gatehouse.launcher.process.HttpProbe;
import dev.gatehouse.launcher.process.ManagedProcess;
import dev.gatehouse.launcher.process.StartupException;

/**
 * A running Spring Boot service; healthy once its actuator answers UP on the management
 * port.
 */
public final class ServiceProcess implements AutoCloseable {

	private final ServiceLaunch launch;

	private final ManagedProcess process;

	private ServiceProcess(ServiceLaunch launch, ManagedProcess process) {
		this.launch = launch;
		this.process = process;
	}

	/** Starts the service without waiting for it; see {@link #awaitHealthy()}. */
	public static ServiceProcess start(ServiceLaunch launch) {
		if (!Files.isRegularFile(launch.jar())) {
			throw new StartupException(launch.definition().name() + " is not built: " + launch.jar()
					+ " is missing (build it with: " + launch.definition().buildCommand() + ")");
		}
		Path jar = snapshot(launch);
		List<String> command = new ArrayList<>(List.of(Executables.currentJava().toString(), "-jar", jar.toString()));
		command.addAll(launch.arguments());
		ManagedProcess process = ManagedProcess.start(launch.definition().name(), command,
				launch.definition().environment(), launch.workingDirectory(), launch.url(), launch.healthUrl(),
				launch.runDirectory());
		return new ServiceProcess(launch, process);
	}

	/**
	 * Runs a copy of the jar, so that rebuilding the module while the platform runs does
	 * not pull classes out from under the running service.
	 */
	private static Path snapshot(ServiceLaunch launch) {
		Path copy = launch.runDirectory().jarsDir().resolve(launch.definition().name() + ".jar");
		try {
			Files.createDirectories(copy.getParent());
			Files.copy(launch.jar(), copy, StandardCopyOption.REPLACE_EXISTING);
			return copy;
		}
		catch (IOException ex) {
			throw new StartupException("could not copy " + launch.jar() + " to " + copy + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Waits until {@code /actuator/health} on the management port answers 200 with status
	 * UP.
	 */
	public ServiceProcess awaitHealthy() {
		process.awaitReady(() -> HttpProbe.isHealthy(launch.healthUrl()), launch.startupTimeout());
		return this;
	}

	public String name() {
		return launch.definition().name();
	}

	public ServiceDefinition launchDefinition() {
		return launch.definition();
	}

	/** {@code http://127.0.0.1:<port>}. */
	public String url() {
		return launch.url();
	}

	public String healthUrl() {
		return launch.healthUrl();
	}

	public int port() {
		return launch.port();
	}

	public int managementPort() {
		return launch.managementPort();
	}

	public long pid() {
		return process.pid();
	}

	public Path logFile() {
		return process.logFile();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public int exitCode() {
		return process.exitCode();
	}

	@Override
	public void close() {
		process.stop();
	}

}
