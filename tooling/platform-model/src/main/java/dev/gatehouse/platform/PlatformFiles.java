package dev.gatehouse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * Every file derived from gatehouse.yaml, by path relative to the repository root.
 */
public final class PlatformFiles {

	/** The name of a module's generated configuration, in src/main/resources. */
	public static final String GENERATED_CONFIGURATION = "gatehouse-generated.yaml";

	private PlatformFiles() {
	}

	public static Map<String, String> generate(PlatformDescription description) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(resource(description.gateway().module()), GatewayConfiguration.generate(description));
		for (Service service : description.serviceList()) {
			files.put(resource(service.module()), ServiceConfiguration.generate(description, service));
			files.put(KubernetesService.path(service), KubernetesService.generate(service));
		}
		files.put(".dockerignore", DockerIgnore.generate(description));
		files.put(LauncherServices.PATH, LauncherServices.generate(description));
		files.put(PkiServices.PATH, PkiServices.generate(description));
		return files;
	}

	/** Generates from the root's gatehouse.yaml into the root; the paths written. */
	public static List<String> write(Path root) {
		Map<String, String> files = generate(PlatformDescription.load(root.resolve(PlatformDescription.FILE)));
		files.forEach((path, content) -> {
			try {
				Path file = root.resolve(path);
				Files.createDirectories(file.getParent());
				Files.writeString(file, content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + path, ex);
			}
		});
		return List.copyOf(files.keySet());
	}

	/**
	 * The generated files that are missing in the root or differ from what it generates.
	 */
	public static List<String> outdated(Path root) {
		List<String> outdated = new ArrayList<>();
		generate(PlatformDescription.load(root.resolve(PlatformDescription.FILE))).forEach((path, content) -> {
			Path file = root.resolve(path);
			try {
				if (!Files.isRegularFile(file) || !Files.readString(file).equals(content)) {
					outdated.add(path);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + path, ex);
			}
		});
		return outdated;
	}

	private static String resource(String module) {
		return module + "/src/main/resources/" + GENERATED_CONFIGURATION;
	}

}
