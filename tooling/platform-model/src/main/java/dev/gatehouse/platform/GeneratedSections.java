package dev.gatehouse.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generated parts of hand-written files (docker-compose.yml, the database init script, a
 * few manifests): the lines between a begin line and an end line are the generator's, the
 * rest stays as written. Docker Compose 1.29 has no include and kustomize no templating,
 * so a service's compose block, database and image tag live in the files that list
 * everything else. The marker lines themselves belong to the file: the generator finds
 * them, never adds them, and fails naming the file when one is missing.
 */
final class GeneratedSections {

	private GeneratedSections() {
	}

	/** The first line of a section, after its indentation. */
	static String begin(String name) {
		return "# >>> generated " + name + " from gatehouse.yaml by ./gatehouse generate: do not edit down to <<<";
	}

	/** The last line of a section, after its indentation. */
	static String end(String name) {
		return "# <<< generated " + name;
	}

	/**
	 * The text with each named section's lines replaced.
	 * @param sections section name to its lines (each ending in a line break)
	 */
	static String splice(String path, String text, Map<String, String> sections) {
		List<String> lines = new ArrayList<>(text.lines().toList());
		for (Map.Entry<String, String> section : sections.entrySet()) {
			int begin = find(path, lines, begin(section.getKey()), 0);
			int end = find(path, lines, end(section.getKey()), begin + 1);
			lines.subList(begin + 1, end).clear();
			lines.addAll(begin + 1, section.getValue().lines().toList());
		}
		return String.join("\n", lines) + "\n";
	}

	private static int find(String path, List<String> lines, String marker, int from) {
		for (int i = from; i < lines.size(); i++) {
			if (lines.get(i).strip().equals(marker)) {
				return i;
			}
		}
		throw new PlatformDescriptionException(path + " has no line '" + marker
				+ "' (the generated part's marker; restore it from the repository's history)");
	}

}
