package dev.gatehouse.platform;

import java.util.Map;

/** Settings every generated Spring Boot configuration shares. */
final class GatehouseSettings {

	private GatehouseSettings() {
	}

	static void brand(Map<String, Object> tree, PlatformDescription.Brand brand) {
		Map<String, Object> node = GeneratedYaml.at(tree, "gatehouse.brand");
		node.put("problem-type-prefix", brand.problemTypePrefix());
		node.put("header-prefix", brand.headerPrefix());
		node.put("api-key-prefix", brand.apiKeyPrefix());
	}

	static void ports(Map<String, Object> tree, int port, int managementPort) {
		GeneratedYaml.at(tree, "server").put("port", port);
		GeneratedYaml.at(tree, "management.server").put("port", managementPort);
	}

}
