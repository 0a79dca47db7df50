package dev.gatehouse.platform;

import java.util.Map;

/** Settings every generated Spring Boot configuration shares. */
final class GatehouseSettings {

	private GatehouseSettings() {
	}

	static void ports(Map<String, Object> tree, int port, int managementPort) {
		GeneratedYaml.at(tree, "server").put("port", port);
		GeneratedYaml.at(tree, "management.server").put("port", managementPort);
	}

}
