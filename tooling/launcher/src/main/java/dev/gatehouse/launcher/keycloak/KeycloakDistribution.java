package dev.gatehouse.launcher.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.gatehouse.launcher.process.Executables;
import dev.gatehouse.launcher.process.LogTail;
import dev.gatehouse.launcher.process.StartupException;

/**
 * The Keycloak server distribution: the Maven artifact
 * {@code org.keycloak:keycloak-quarkus-dist:<v>:zip}, fetched into the local Maven
 * repository if missing, unpacked once into {@code <workDir>/keycloak-<v>} and built once
 * ({@code kc.sh build}) so that every start can be {@code --optimized}.
 */
public final class KeycloakDistribution {

	/**
	 * Build-time options. {@code dev-mem} gives every start an empty in-memory database,
	 * so the realm import is always the one in the sources; health makes the management
	 * interface answer.
	 */
	static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem", "--health-enabled=true",
			"--https-client-auth=request");

	private static final String BUILD_MARKER = ".gatehouse-build";

	private static final int TAIL_LINES = 25;

	private final String version;

	private final Path workDir;

	private final Path logFile;

	private final PrintStream out;

	/**
	 * @param logFile receives the output of fetching and building
	 */
	public KeycloakDistribution(String version, Path workDir, Path logFile, PrintStream out) {
		this.version = version;
		this.workDir = workDir.toAbsolutePath().normalize();
		this.logFile = logFile;
		this.out = out;
	}

	/**
	 * The Keycloak version of the root pom's {@code keycloak.version}, filtered in at
	 * build time.
	 */
	public static String pinnedVersion() {
		Properties props = new Properties();
		try (InputStream in = KeycloakDistribution.class.getResourceAsStream("keycloak.properties")) {
			props.load(in);
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("keycloak.properties is missing from the launcher jar", ex);
		}
		return props.getProperty("version");
	}

	public Path home() {
		return workDir.resolve("keycloak-" + version);
	}

	/**
	 * Makes sure the distribution is unpacked and built; safe against other launchers
	 * doing the same.
	 */
	public Path prepare() {
		synchronized (KeycloakDistribution.class) {
			try {
				Files.createDirectories(workDir);
				Files.createDirectories(logFile.getParent());
				Files.deleteIfExists(logFile);
				try (FileChannel channel = FileChannel.open(workDir.resolve("keycloak-" + version + ".lock"),
						StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
					if (!Files.isRegularFile(home().resolve("bin/kc.sh"))) {
						unpack(zip());
					}
					if (!isBuiltWith(BUILD_OPTIONS)) {
						build();
					}
					return home();
				}
			}
			catch (IOException ex) {
				throw new StartupException("could not prepare Keycloak in " + home() + ": " + ex.getMessage(), ex);
			}
		}
	}

	static Path mavenLocalRepository() {
		String property = System.getProperty("maven.repo.local");
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		String env = System.getenv("MAVEN_REPO_LOCAL");
		if (env != null && !env.isBlank()) {
			return Path.of(env);
		}
		return Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	private String coordinates() {
		return "org.keycloak:keycloak-quarkus-dist:" + version + ":zip";
	}

	private Path zip() {
		Path repository = mavenLocalRepository();
		Path zip = repository.resolve(Path.of("org", "keycloak", "keycloak-quarkus-dist", version,
				"keycloak-quarkus-dist-" + version + ".zip"));
		if (Files.isRegularFile(zip)) {
			return zip;
		}
		Path mvn = Executables.onPath("mvn")
			.orElseThrow(() -> new StartupException("mvn is not on the PATH; it is needed once to fetch Keycloak ("
					+ coordinates() + "): install Maven 3.8+ or put the zip at " + zip));
		out.println("Fetching " + coordinates() + " into the local Maven repository (first run only) ...");
		List<String> command = new ArrayList<>(List.of(mvn.toString(), "-q", "-B", "dependency:get",
				"-Dartifact=" + coordinates(), "-Dtransitive=false"));
		if (!repository.equals(Path.of(System.getProperty("user.home"), ".m2", "repository"))) {
			command.add("-Dmaven.repo.local=" + repository);
		}
		int exit = run(command, workDir);
		if (exit != 0 || !Files.isRegularFile(zip)) {
			throw new StartupException("fetching " + coordinates() + " failed (mvn exit " + exit + "); log: " + logFile,
					logFile, LogTail.lastLines(logFile, TAIL_LINES));
		}
		return zip;
	}

	private void unpack(Path zip) throws IOException {
		out.println("Unpacking Keycloak " + version + " into " + home() + " (first run only) ...");
		Path partial = workDir.resolve("keycloak-" + version + ".partial");
		deleteTree(partial);
		deleteTree(home());
		try (ZipFile file = new ZipFile(zip.toFile())) {
			Enumeration<? extends ZipEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				// Entries sit under one top folder, keycloak-<version>/, which the target
				// already names.
				String name = entry.getName();
				int slash = name.indexOf('/');
				if (slash < 0 || slash == name.length() - 1) {
					continue;
				}
				Path target = partial.resolve(name.substring(slash + 1)).normalize();
				if (!target.startsWith(partial)) {
					throw new IOException("zip entry escapes the target folder: " + name);
				}
				if (entry.isDirectory()) {
					Files.createDirectories(target);
					continue;
				}
				Files.createDirectories(target.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
				}
				if (name.endsWith(".sh")) {
					makeExecutable(target);
				}
			}
		}
		Files.move(partial, home(), StandardCopyOption.ATOMIC_MOVE);
	}

	private boolean isBuiltWith(List<String> options) throws IOException {
		Path marker = home().resolve(BUILD_MARKER);
		return Files.isRegularFile(marker) && Files.readString(marker).strip().equals(String.join(" ", options));
	}

	private void build() throws IOException {
		out.println("Building Keycloak with " + String.join(" ", BUILD_OPTIONS) + " (first run only, about 30 s) ...");
		Files.deleteIfExists(home().resolve(BUILD_MARKER));
		List<String> command = new ArrayList<>(List.of(home().resolve("bin/kc.sh").toString(), "build"));
		command.addAll(BUILD_OPTIONS);
		int exit = run(command, home());
		if (exit != 0) {
			throw new StartupException("kc.sh build failed (exit " + exit + "); log: " + logFile, logFile,
					LogTail.lastLines(logFile, TAIL_LINES));
		}
		Files.writeString(home().resolve(BUILD_MARKER), String.join(" ", BUILD_OPTIONS) + System.lineSeparator());
	}

	/**
	 * Runs a preparation step in the launcher's process group, so Ctrl-C interrupts it
	 * too.
	 */
	private int run(List<String> command, Path directory) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		try {
			return builder.start().waitFor();
		}
		catch (IOException ex) {
			throw new StartupException("could not run " + command.get(0) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StartupException("interrupted while preparing Keycloak");
		}
	}

	private static void makeExecutable(Path file) throws IOException {
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
			permissions.add(PosixFilePermission.OWNER_EXECUTE);
			permissions.add(PosixFilePermission.GROUP_EXECUTE);
			permissions.add(PosixFilePermission.OTHERS_EXECUTE);
			Files.setPosixFilePermissions(file, permissions);
		}
		catch (UnsupportedOperationException ex) {
			if (!file.toFile().setExecutable(true, false)) {
				throw new FileSystemException(file.toString(), null, "cannot make executable");
			}
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
