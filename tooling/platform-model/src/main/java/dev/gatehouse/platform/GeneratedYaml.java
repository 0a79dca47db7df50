package dev.gatehouse.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Writes a generated YAML file: the header, then the tree. */
final class GeneratedYaml {

	private static final YAMLMapper MAPPER = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
		.build();

	private GeneratedYaml() {
	}

	static String header(String comment, String what) {
		return comment + " Generated from gatehouse.yaml by ./gatehouse generate: do not edit, change gatehouse.yaml\n"
				+ comment
				+ " and run ./gatehouse generate again (PlatformFilesTests fails while this file is out of date).\n"
				+ comment + " " + what + "\n";
	}

	static String write(String what, Map<String, Object> tree) {
		return header("#", what) + MAPPER.writeValueAsString(tree);
	}

	/**
	 * A further document of the file, e.g. one a profile activates
	 * ({@code spring.config.activate.on-profile}), after a comment saying what it is.
	 */
	static String document(String what, Map<String, Object> tree) {
		return "---\n# " + what + "\n" + MAPPER.writeValueAsString(tree);
	}

	/** The map at a dotted path of a tree, created when missing. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> at(Map<String, Object> tree, String path) {
		Map<String, Object> node = tree;
		for (String key : path.split("\\.")) {
			node = (Map<String, Object>) node.computeIfAbsent(key, (missing) -> new LinkedHashMap<String, Object>());
		}
		return node;
	}

}
