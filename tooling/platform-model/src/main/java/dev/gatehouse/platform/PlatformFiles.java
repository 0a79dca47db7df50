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
 * Every file derived from gatehouse.yaml, by path relative to the repository root: whole
 * files, and generated sections of hand-written files ({@link GeneratedSections}).
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
			files.put(KubernetesService.path(service), KubernetesService.generate(description, service));
		}
		files.put(ProductionSecrets.PATH, ProductionSecrets.generate(description));
		files.put(".dockerignore", DockerIgnore.generate(description));
		files.put(LauncherServices.PATH, LauncherServices.generate(description));
		files.put(PkiServices.PATH, PkiServices.generate(description));
		return files;
	}

	/**
	 * JSON files written by hand in part, whose other parts gatehouse.yaml declares (the
	 * realm's roles): read from the root before they are written again.
	 */
	public static final List<String> PARTLY_GENERATED = RealmRoles.PATHS;

	/**
	 * The generated sections of hand-written files: by path, each section's name and
	 * lines.
	 */
	public static Map<String, Map<String, String>> sections(PlatformDescription description) {
		Map<String, Map<String, String>> sections = new LinkedHashMap<>();
		sections.put(ComposeServices.PATH, ComposeServices.sections(description));
		sections.put(ComposeServices.ENV_EXAMPLE, ComposeServices.envExample(description));
		sections.put(PostgresDatabases.INIT_SCRIPT, PostgresDatabases.initScript(description));
		sections.put(PostgresDatabases.STATEFUL_SET, PostgresDatabases.statefulSet(description));
		sections.put("k8s/base/config.yaml", KubernetesService.gatewayBackends(description));
		sections.put(KubernetesService.KUSTOMIZATION, KubernetesService.kustomization(description));
		sections.put(KubernetesService.REALM_APPLY, KubernetesService.realmApply(description));
		sections.put(ProductionSecrets.KUSTOMIZATION, ProductionSecrets.images(description));
		return sections;
	}

	/**
	 * Every file the root's gatehouse.yaml generates, whole or in part, with the content
	 * it must have: a hand-written file's generated sections spliced into it as it is.
	 */
	public static Map<String, String> expected(Path root) {
		PlatformDescription description = PlatformDescription.load(root.resolve(PlatformDescription.FILE));
		Map<String, String> files = generate(description);
		files.putAll(RealmRoles.generate(description, root));
		sections(description).forEach((path, sections) -> {
			try {
				files.put(path, GeneratedSections.splice(path, Files.readString(root.resolve(path)), sections));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + path + " (it holds generated sections)", ex);
			}
		});
		return files;
	}

	/** Generates from the root's gatehouse.yaml into the root; the paths written. */
	public static List<String> write(Path root) {
		Map<String, String> files = expected(root);
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
		expected(root).forEach((path, content) -> {
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
