package dev.gatehouse.launcher.service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.process.HttpProbe;
import dev.gatehouse.launcher.process.StartupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs a stand-in service jar (compiled here: it serves an actuator-like health endpoint
 * on the management port it is given) through the same path as the real services.
 */
class ServiceProcessIntegrationTests {

	private static final ServiceDefinition FAKE = new ServiceDefinition("fake-service", "fake-service", 8081, 9081,
			Map.of(), ports -> List.of("--fake.keycloak-port=" + ports.port("keycloak")),
			Map.of("FAKE_GREETING", "hello-from-env"));

	private static final ServiceDefinition BROKEN = new ServiceDefinition("broken-service", "fake-service", 8082, 9082,
			Map.of(), ports -> List.of("--fail"), Map.of());

	private static final String SOURCE = """
			import com.sun.net.httpserver.HttpServer;
			import java.net.InetSocketAddress;

			public class FakeService {
				public static void main(String[] args) throws Exception {
					int port = 0;
					int management = 0;
					for (String arg : args) {
						if (arg.equals("--fail")) {
							System.out.println("refusing to start, as asked");
							System.exit(3);
						}
						if (arg.startsWith("--server.port=")) port = Integer.parseInt(arg.substring(14));
						if (arg.startsWith("--management.server.port=")) management = Integer.parseInt(arg.substring(25));
					}
					System.out.println("args: " + String.join(" ", args));
					System.out.println("env: " + System.getenv("FAKE_GREETING"));
					serve(port, "/", "hello");
					serve(management, "/actuator/health", "{\\"status\\":\\"UP\\"}");
				}

				static void serve(int port, String path, String body) throws Exception {
					HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
					server.createContext(path, exchange -> {
						byte[] bytes = body.getBytes();
						exchange.sendResponseHeaders(200, bytes.length);
						exchange.getResponseBody().write(bytes);
						exchange.close();
					});
					server.start();
				}
			}
			""";

	@TempDir
	static Path repo;

	@BeforeAll
	static void buildFakeServiceJar() throws IOException {
		Path sources = Files.createDirectories(repo.resolve("fake-src"));
		Files.writeString(sources.resolve("FakeService.java"), SOURCE);
		int compiled = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-d", sources.toString(), sources.resolve("FakeService.java").toString());
		assertThat(compiled).isZero();
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeService");
		Path jar = FAKE.jar(repo);
		Files.createDirectories(jar.getParent());
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest)) {
			out.putNextEntry(new JarEntry("FakeService.class"));
			out.write(Files.readAllBytes(sources.resolve("FakeService.class")));
			out.closeEntry();
		}
	}

	private static PlatformConfig config(ServiceDefinition service) {
		return PlatformConfig.defaults(repo)
			.withServices(List.of(service))
			.withFreePorts()
			.withStateDir(repo.resolve("state"));
	}

	@Test
	void startsTheJarWithItsArgumentsWaitsForHealthAndStopsIt() throws IOException {
		PlatformConfig config = config(FAKE).withServiceProperty("fake-service", "gatehouse.security.jwk-cache-ttl",
				"1s");
		ServiceProcess service = ServiceProcess.start(config.serviceLaunch(FAKE)).awaitHealthy();
		ProcessHandle handle = ProcessHandle.of(service.pid()).orElseThrow();
		try {
			assertThat(HttpProbe.isHealthy(service.url())).isTrue();
			assertThat(handle.info().commandLine().orElseThrow())
				.as("runs a copy, so that a rebuild of the module cannot disturb it")
				.contains(config.runDirectory().jarsDir().resolve("fake-service.jar").toString());
			assertThat(config.runDirectory().record("fake-service").orElseThrow().pid()).isEqualTo(service.pid());
			assertThat(Files.readString(service.logFile())).contains("--server.port=" + config.port("fake-service"),
					"--management.server.port=" + config.port("fake-service-management"),
					"--gatehouse.security.issuer-uri=" + config.issuerUri(),
					"--fake.keycloak-port=" + config.keycloakPort(), "--gatehouse.security.jwk-cache-ttl=1s",
					"env: hello-from-env");
		}
		finally {
			service.close();
		}
		assertThat(handle.isAlive()).isFalse();
		assertThat(config.runDirectory().record("fake-service")).isEmpty();
	}

	@Test
	void aServiceThatExitsWhileStartingIsReportedWithItsLog() {
		PlatformConfig config = config(BROKEN);
		ServiceProcess service = ServiceProcess.start(config.serviceLaunch(BROKEN));
		try {
			assertThatThrownBy(service::awaitHealthy).isInstanceOfSatisfying(StartupException.class, ex -> {
				assertThat(ex.getMessage()).startsWith("broken-service exited with code 3 while starting; log: ");
				assertThat(ex.logTail()).contains("refusing to start, as asked");
				// What a test report prints (Throwable.toString), so a CI log shows the
				// cause.
				assertThat(ex.toString()).contains("  | refusing to start, as asked");
			});
		}
		finally {
			service.close();
		}
	}

	@Test
	void aMissingJarNamesTheCommandThatBuildsIt() {
		ServiceDefinition unbuilt = new ServiceDefinition("ghost", "ghost-service", 1, 2, Map.of(), ports -> List.of(),
				Map.of());

		assertThatThrownBy(() -> ServiceProcess.start(config(unbuilt).serviceLaunch(unbuilt)))
			.isInstanceOf(StartupException.class)
			.hasMessageContaining("ghost-service/target/ghost-service.jar is missing")
			.hasMessageContaining("mvn -q -DskipTests -pl ghost-service -am package");
	}

}
