package dev.gatehouse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./gatehouse rename}: makes the template a company's own in the repository copy
 * it runs in. Java packages (the folders, package and import lines, every file that names
 * a class: META-INF imports, configuration, scripts), the Maven group id, the realm (its
 * files, issuer URLs, the contract copy, tests), the brand strings clients see (the
 * {@code brand} section of gatehouse.yaml, and the tests and documents that quote them),
 * and ports (gatehouse.yaml); then every generated file again, and the changed Java
 * formatted as the build checks it.
 * <p>
 * It works on what git tracks, refuses a tree with uncommitted changes (so that
 * {@code git diff} shows exactly what it did and {@code git checkout .} undoes it), and
 * refuses a tree renamed already: the names it replaces are the template's own. Files
 * under {@link #LEFT_ALONE} keep the template's names.
 */
public final class Renaming {

	// The template's names, spelled in parts so that a rename leaves this file's own
	// constants alone.
	static final String PACKAGE = "dev" + ".gatehouse";

	static final String REALM = "gate" + "house";

	static final String PROBLEM_TYPE_PREFIX = "urn:" + REALM + ":problem:";

	static final String HEADER_PREFIX = "X-" + "Gatehouse-";

	static final String API_KEY_PREFIX = "g" + "hk_";

	/**
	 * Paths (prefixes) that keep the template's names: the fixture of this command's
	 * tests, and the page that says what it renames.
	 */
	public static final List<String> LEFT_ALONE = List.of("tooling/platform-model/src/test/resources/rename/",
			"docs/renaming.md");

	/** The first source folder of a path: main/java, test/resources... */
	private static final Pattern SOURCE_ROOT = Pattern.compile("(?:^|/)src/(?:main|test)/([^/]+)/");

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+");

	private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]*");

	private static final Pattern BRAND = Pattern.compile("[a-z]+");

	private static final Pattern API_KEY = Pattern.compile(Pattern.quote(API_KEY_PREFIX) + "[A-Za-z0-9_]+");

	private final Path root;

	public Renaming(Path root) {
		this.root = root;
	}

	/**
	 * What to rename to.
	 *
	 * @param groupId Maven group id, e.g. {@code com.acme.api}
	 * @param javaPackage base Java package, e.g. {@code com.acme.api}
	 * @param realm Keycloak realm, e.g. {@code acme}
	 * @param brand the name clients see, lower-case letters, e.g. {@code acme}: problem
	 * types {@code urn:acme:problem:}, headers {@code X-Acme-}, API keys {@code acme_}
	 * @param ports gatehouse.yaml ports by {@code gateway.port},
	 * {@code gateway.tls-port}, {@code gateway.management-port}, {@code <service>.port},
	 * {@code <service>.management-port}
	 */
	public record Target(String groupId, String javaPackage, String realm, String brand, Map<String, Integer> ports) {

		public Target {
			check(NAME, groupId, "--group-id", "a Maven group id in lower case such as com.acme.api");
			check(NAME, javaPackage, "--package", "a Java package in lower case such as com.acme.api");
			check(BRAND, brand, "--brand", "lower-case letters such as acme");
			check(WORD, realm, "--realm", "a realm name in lower case letters and digits such as acme");
			ports = Map.copyOf(ports);
			ports.forEach((name, port) -> {
				if (port < 1 || port > 65535) {
					throw new PlatformDescriptionException("port " + name + " must be 1-65535; got " + port);
				}
			});
		}

		String problemTypePrefix() {
			return "urn:" + this.brand + ":problem:";
		}

		String headerPrefix() {
			return "X-" + Character.toUpperCase(this.brand.charAt(0)) + this.brand.substring(1) + "-";
		}

		String apiKeyPrefix() {
			return this.brand + "_";
		}

		private static void check(Pattern pattern, String value, String option, String expected) {
			if (value == null || !pattern.matcher(value).matches()) {
				throw new PlatformDescriptionException(option + " must be " + expected + "; got '" + value + "'");
			}
		}

	}

	/**
	 * Renames the tree; what it changed, one line each ({@code changed <path>},
	 * {@code moved <from> -> <to>}), in path order.
	 */
	public List<String> rename(Target target) {
		List<String> dirty = git("status", "--porcelain", "--untracked-files=all");
		if (!dirty.isEmpty()) {
			throw new PlatformDescriptionException("rename works on a clean tree, so that git diff shows what it did;"
					+ " commit or stash first (" + dirty.size() + " changes, e.g. " + dirty.get(0).trim() + ")");
		}
		String groupId = groupId();
		if (!groupId.equals(PACKAGE)) {
			throw new PlatformDescriptionException("this tree is renamed already (group id " + groupId
					+ "): rename works on the template as cloned; start again from a fresh clone");
		}
		TreeMap<String, String> report = new TreeMap<>();
		if (!target.ports().isEmpty()) {
			setPorts(target.ports());
			report.put(PlatformDescription.FILE, "changed " + PlatformDescription.FILE);
		}
		Map<String, String> replacements = replacements(target);
		Map<String, String> pathReplacements = pathReplacements(target);
		List<String> paths = new TreeSet<>(git("ls-files")).stream()
			.filter((path) -> LEFT_ALONE.stream().noneMatch(path::startsWith))
			.filter((path) -> Files.isRegularFile(this.root.resolve(path)))
			.toList();
		Map<String, String> keyHashes = keyHashes(paths, target);
		List<Path> javaFiles = new ArrayList<>();
		for (String path : paths) {
			Path file = this.root.resolve(path);
			String renamedPath = replaceAll(path, pathReplacements);
			String text = text(file);
			String renamedText = (text != null) ? renamedText(text, target, replacements, keyHashes) : null;
			Path destination = this.root.resolve(renamedPath);
			try {
				if (!renamedPath.equals(path)) {
					Files.createDirectories(destination.getParent());
					Files.move(file, destination);
					deleteEmptyParents(file.getParent());
					report.put(path, "moved " + path + " -> " + renamedPath);
				}
				if (renamedText != null && !renamedText.equals(text)) {
					Files.writeString(destination, renamedText, StandardCharsets.UTF_8);
					report.merge(path, "changed " + renamedPath,
							(earlier, changed) -> earlier.startsWith("moved") ? earlier + " (changed)" : earlier);
					if (isJavaSource(renamedPath)) {
						javaFiles.add(destination);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot rename " + path, ex);
			}
		}
		// Generated again by this (not yet renamed) code: to the renamed paths, renamed;
		// the
		// generated sections of hand-written files (compose, Kubernetes) spliced into
		// them.
		if (Files.isRegularFile(this.root.resolve(PlatformDescription.FILE))) {
			PlatformDescription description = PlatformDescription.load(this.root.resolve(PlatformDescription.FILE));
			Map<String, String> files = new LinkedHashMap<>(PlatformFiles.generate(description));
			PlatformFiles.sections(description).forEach((path, sections) -> {
				Path file = this.root.resolve(replaceAll(path, pathReplacements));
				if (Files.isRegularFile(file)) {
					files.put(path, GeneratedSections.splice(path, text(file), sections));
				}
			});
			files.forEach((path, content) -> {
				String renamedPath = replaceAll(path, pathReplacements);
				String renamed = renamedText(content, target, replacements, keyHashes);
				Path file = this.root.resolve(renamedPath);
				try {
					if (!Files.isRegularFile(file) || !Files.readString(file).equals(renamed)) {
						Files.createDirectories(file.getParent());
						Files.writeString(file, renamed, StandardCharsets.UTF_8);
						report.merge(renamedPath, "changed " + renamedPath, (earlier, generated) -> earlier);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot write " + renamedPath, ex);
				}
			});
		}
		javaFiles.forEach(ServiceScaffold::format);
		return List.copyOf(report.values());
	}

	/**
	 * Java a module compiles (under its src/main/java or src/test/java), which the build
	 * checks the formatting of; not the service template's files among the resources,
	 * whose {@code ${Entity}} names the formatter would take apart.
	 */
	static boolean isJavaSource(String path) {
		Matcher sources = SOURCE_ROOT.matcher(path);
		return path.endsWith(".java") && sources.find() && sources.group(1).equals("java");
	}

	private static Map<String, String> replacements(Target target) {
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put(Pattern.quote(PROBLEM_TYPE_PREFIX), target.problemTypePrefix());
		replacements.put(Pattern.quote(HEADER_PREFIX), target.headerPrefix());
		replacements.put(Pattern.quote(HEADER_PREFIX.toLowerCase(Locale.ROOT)),
				target.headerPrefix().toLowerCase(Locale.ROOT));
		replacements.put("realms/" + REALM + "\\b", "realms/" + target.realm());
		replacements.put("realm-" + REALM + "\\b", "realm-" + target.realm());
		// Keycloak's name for the realm's default role, which the realm file spells out.
		replacements.put("default-roles-" + REALM + "\\b", "default-roles-" + target.realm());
		replacements.put("(\"realm\"\\s*:\\s*\")" + REALM + "\"", "$1" + target.realm() + "\"");
		replacements.put("(REALM\\s*=\\s*\")" + REALM + "\"", "$1" + target.realm() + "\"");
		replacements.put("(realm `)" + REALM + "`", "$1" + target.realm() + "`");
		// The group id where Maven names it (the artifacts are gatehouse-*), then the
		// package everywhere else.
		replacements.put("<groupId>" + Pattern.quote(PACKAGE) + "</groupId>",
				"<groupId>" + target.groupId() + "</groupId>");
		replacements.put("\\b" + Pattern.quote(PACKAGE) + ":(?=" + REALM + "\\b)", target.groupId() + ":");
		replacements.put("\\b" + Pattern.quote(PACKAGE) + "\\b", target.javaPackage());
		replacements.put("\\b" + Pattern.quote(PACKAGE.replace('.', '/')) + "\\b",
				target.javaPackage().replace('.', '/'));
		return replacements;
	}

	private static Map<String, String> pathReplacements(Target target) {
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put("\\b" + Pattern.quote(PACKAGE.replace('.', '/')) + "/",
				target.javaPackage().replace('.', '/') + "/");
		replacements.put("realm-" + REALM + "\\b", "realm-" + target.realm());
		return replacements;
	}

	/**
	 * The hashes that stand for the API keys the tree quotes (demo and test keys, in the
	 * demo and test configuration), by the hash of the renamed key: the keys keep working
	 * under the new prefix.
	 */
	private Map<String, String> keyHashes(List<String> paths, Target target) {
		Map<String, String> hashes = new LinkedHashMap<>();
		for (String path : paths) {
			String text = text(this.root.resolve(path));
			if (text != null) {
				Matcher keys = API_KEY.matcher(text);
				while (keys.find()) {
					String key = keys.group();
					hashes.put(sha256(key), sha256(target.apiKeyPrefix() + key.substring(API_KEY_PREFIX.length())));
				}
			}
		}
		return hashes;
	}

	private static String renamedText(String text, Target target, Map<String, String> replacements,
			Map<String, String> keyHashes) {
		String renamed = replaceAll(text, replacements).replace(API_KEY_PREFIX, target.apiKeyPrefix());
		for (Map.Entry<String, String> hash : keyHashes.entrySet()) {
			renamed = renamed.replace(hash.getKey(), hash.getValue());
		}
		return renamed;
	}

	private static String replaceAll(String text, Map<String, String> replacements) {
		String result = text;
		for (Map.Entry<String, String> replacement : replacements.entrySet()) {
			result = Pattern.compile(replacement.getKey()).matcher(result).replaceAll(replacement.getValue());
		}
		return result;
	}

	/** The root pom's own group id (after its parent's). */
	private String groupId() {
		String pom = text(this.root.resolve("pom.xml"));
		int parentEnd = pom.indexOf("</parent>");
		Matcher matcher = Pattern.compile("<groupId>([^<]+)</groupId>")
			.matcher(pom.substring((parentEnd >= 0) ? parentEnd : 0));
		return matcher.find() ? matcher.group(1) : "";
	}

	/** gatehouse.yaml with the given ports, its comments and order kept. */
	private void setPorts(Map<String, Integer> ports) {
		Path file = this.root.resolve(PlatformDescription.FILE);
		List<String> lines = new ArrayList<>(List.of(text(file).split("\n", -1)));
		Map<String, Integer> left = new LinkedHashMap<>(ports);
		String section = null;
		String owner = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			Matcher top = Pattern.compile("^([a-z-]+):").matcher(line);
			Matcher service = Pattern.compile("^  ([a-z0-9-]+):\\s*$").matcher(line);
			Matcher port = Pattern.compile("^(\\s+)(port|tls-port|management-port): (\\d+)(.*)$").matcher(line);
			if (top.find()) {
				section = top.group(1);
				owner = section.equals("gateway") ? "gateway" : null;
			}
			else if ("services".equals(section) && service.matches()) {
				owner = service.group(1);
			}
			else if (owner != null && port.matches()) {
				Integer changed = left.remove(owner + "." + port.group(2));
				if (changed != null) {
					lines.set(i, port.group(1) + port.group(2) + ": " + changed + port.group(4));
				}
			}
		}
		if (!left.isEmpty()) {
			throw new PlatformDescriptionException("gatehouse.yaml has no port " + left.keySet()
					+ "; ports are gateway.port, gateway.tls-port, gateway.management-port, <service>.port and"
					+ " <service>.management-port");
		}
		try {
			Files.writeString(file, String.join("\n", lines));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private void deleteEmptyParents(Path folder) throws IOException {
		Path current = folder;
		while (current != null && !current.equals(this.root)) {
			try (var entries = Files.list(current)) {
				if (entries.findAny().isPresent()) {
					return;
				}
			}
			Files.delete(current);
			current = current.getParent();
		}
	}

	/** The file's text, or null for a binary file. */
	private static String text(Path file) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			for (byte b : bytes) {
				if (b == 0) {
					return null;
				}
			}
			String text = new String(bytes, StandardCharsets.UTF_8);
			return text.contains("\uFFFD") ? null : text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private List<String> git(String... arguments) {
		List<String> command = new ArrayList<>(List.of("git", "-C", this.root.toString()));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new PlatformDescriptionException(
						"rename needs the repository's git (" + String.join(" ", command) + "): " + output.strip());
			}
			return output.lines().filter((line) -> !line.isBlank()).toList();
		}
		catch (IOException ex) {
			throw new PlatformDescriptionException("rename needs git on the PATH: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PlatformDescriptionException("interrupted");
		}
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
