package dev.gatehouse.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import dev.gatehouse.test.edge.Commands;

/**
 * docker-compose.yml as Compose itself resolves it ({@code docker-compose config}:
 * anchors merged, {@code ${VAR:-default}} substituted, environment lists turned into
 * maps), so the tests check what a container would really get.
 */
final class ComposeFile {

	private static Map<String, Object> resolved;

	private ComposeFile() {
	}

	static synchronized Map<String, Object> resolved() {
		if (resolved == null) {
			String output = Commands.run(Duration.ofSeconds(60), "docker-compose", "-f", "docker-compose.yml", "config")
				.requireSuccess("docker-compose -f docker-compose.yml config")
				.output();
			resolved = new Yaml().load(output);
		}
		return resolved;
	}

	static Map<String, Map<String, Object>> services() {
		return map(resolved().get("services"));
	}

	static Map<String, Object> service(String name) {
		Map<String, Object> service = services().get(name);
		if (service == null) {
			throw new AssertionError("docker-compose.yml has no service '" + name + "'");
		}
		return service;
	}

	/**
	 * The jar a service's image is built from, relative to the repository root: the
	 * Dockerfile copies {@code MODULE/target/NAME.jar}, NAME defaulting to MODULE.
	 */
	static String builtJar(String name) {
		Map<String, Object> args = map(map(service(name).get("build")).get("args"));
		String module = String.valueOf(args.get("MODULE"));
		return module + "/target/" + args.getOrDefault("NAME", module) + ".jar";
	}

	/** The environment compose gives a service, values as strings. */
	static Map<String, String> environment(String name) {
		Map<String, String> environment = new LinkedHashMap<>();
		Object raw = service(name).get("environment");
		if (raw instanceof Map<?, ?> entries) {
			entries.forEach(
					(key, value) -> environment.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
		}
		else if (raw instanceof List<?> lines) {
			lines.forEach((line) -> {
				String[] parts = String.valueOf(line).split("=", 2);
				environment.put(parts[0], parts.length > 1 ? parts[1] : "");
			});
		}
		return environment;
	}

	@SuppressWarnings("unchecked")
	static <V> Map<String, V> map(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, V>) map : Map.of();
	}

	@SuppressWarnings("unchecked")
	static <V> List<V> list(Object value) {
		return (value instanceof List<?> list) ? (List<V>) list : List.of();
	}

}
