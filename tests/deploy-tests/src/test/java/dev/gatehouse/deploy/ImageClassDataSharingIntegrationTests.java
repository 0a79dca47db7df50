package dev.gatehouse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.util.FileSystemUtils;

import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's class-data sharing, done here as deploy/docker/Dockerfile does it (no image
 * can be built on a machine without a Docker engine): the jar extracted into its layers,
 * the layers copied into one folder, the training script run there; the archive must then
 * serve the next start, hold the classes of the listeners' start (the training run goes
 * up to Spring Boot's "Started" line), and the training run must leave nothing else
 * behind (no dev certificates, no database file).
 */
class ImageClassDataSharingIntegrationTests {

	/** The platform's own packages (a renamed copy has its own). */
	private static final String OUR_PACKAGES = ImageClassDataSharingIntegrationTests.class.getPackageName()
		.replaceFirst("\\.deploy$", "");

	static final Path DOCKERFILE = Commands.ROOT.resolve("deploy/docker/Dockerfile");

	static final Duration TIMEOUT = Duration.ofMinutes(3);

	/**
	 * Every image the Dockerfile builds: the applications and the realm-apply one-shot.
	 */
	static final List<String> APPLICATIONS = DescribedPlatform.IMAGES;

	@Test
	void dockerfileTrainsTheArchiveAndStartsWithIt() throws IOException {
		assertThat(Files.readAllLines(DOCKERFILE)).contains(
				"RUN java -Djarmode=tools -jar app.jar extract --layers --destination layers",
				"COPY deploy/docker/cds-training /usr/local/bin/cds-training", "RUN cds-training",
				"ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=app.jsa\", \"-jar\", \"app.jar\"]");
		assertThat(Files.readAllLines(Commands.ROOT.resolve(".dockerignore"))).contains("!deploy/docker/cds-training");
	}

	@ParameterizedTest
	@FieldSource("APPLICATIONS")
	void trainingRunLeavesOnlyTheArchiveAndTheNextStartLoadsClassesFromIt(String application, @TempDir Path work)
			throws IOException {
		Path app = imageFolder(application, work);
		Set<String> before = files(app);

		Commands.run(TIMEOUT, app, "sh", Commands.ROOT.resolve("deploy/docker/cds-training").toString())
			.requireSuccess("cds-training for " + application);

		assertThat(files(app)).as("files the training run of %s added", application)
			.containsExactlyInAnyOrderElementsOf(Stream.concat(before.stream(), Stream.of("app.jsa")).toList());
		if (ComposePlatform.APPLICATIONS.contains(application)) {
			// The training run goes past the context refresh: the classes that start the
			// listeners are archived too, not loaded from the jars at every start.
			String archived = Commands
				.run(TIMEOUT, app, "java", "-XX:SharedArchiveFile=app.jsa", "-XX:+PrintSharedArchiveAndExit", "-jar",
						"app.jar")
				.requireSuccess("listing the archive of " + application)
				.output();
			assertThat(archived).as("classes of %s's listener start in the archive", application)
				.contains("org.springframework.context.support.DefaultLifecycleProcessor$LifecycleGroupMember");
		}
		String start = Commands
			.run(TIMEOUT, app, "java", "-XX:SharedArchiveFile=app.jsa", "-Xlog:class+load=info",
					"-Dspring.context.exit=onRefresh", "-DPOLICY_SERVICE_CLIENT_SECRET=not-a-secret",
					"-Dgatehouse.realm-apply.admin.client-secret=not-a-secret", "-jar", "app.jar",
					"--gatehouse.tls.directory=" + work.resolve("pki"))
			.requireSuccess("start of " + application + " with the archive")
			.output();
		assertThat(start).as("classes of %s mapped from the archive", application)
			.containsPattern("org\\.springframework\\.context\\.support\\.\\S+ source: shared objects file \\(top\\)")
			.containsPattern(Pattern.quote(OUR_PACKAGES) + "\\.\\S+ source: shared objects file \\(top\\)");
	}

	/**
	 * What the image's /app holds: the layers of the jar, copied over each other in the
	 * Dockerfile's order.
	 */
	private static Path imageFolder(String application, Path work) throws IOException {
		Path jar = Commands.ROOT.resolve(ComposeFile.builtJar(application));
		assertThat(jar).as("packaged %s (mvn package)", application).exists();
		Path extract = Files.createDirectories(work.resolve("extract"));
		Files.copy(jar, extract.resolve("app.jar"));
		Commands
			.run(TIMEOUT, extract, "java", "-Djarmode=tools", "-jar", "app.jar", "extract", "--layers", "--destination",
					"layers")
			.requireSuccess("extracting " + application);
		Path app = Files.createDirectories(work.resolve("app"));
		for (String layer : new String[] { "dependencies", "spring-boot-loader", "snapshot-dependencies",
				"application" }) {
			FileSystemUtils.copyRecursively(extract.resolve("layers").resolve(layer), app);
		}
		return app;
	}

	private static Set<String> files(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			return paths.filter((path) -> !path.equals(folder))
				.map((path) -> folder.relativize(path).toString())
				.collect(Collectors.toSet());
		}
	}

}
