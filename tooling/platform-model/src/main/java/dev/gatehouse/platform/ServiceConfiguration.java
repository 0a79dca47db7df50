package dev.gatehouse.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * A service's gatehouse-generated.yaml, which its application.yaml imports: its name,
 * ports and role rules, and in the secure profile the client certificates it admits.
 */
final class ServiceConfiguration {

	private ServiceConfiguration() {
	}

	static String generate(PlatformDescription description, Service service) {
		Map<String, Object> tree = new LinkedHashMap<>();
		GeneratedYaml.at(tree, "spring.application").put("name", service.name());
		GatehouseSettings.ports(tree, service.port(), service.managementPort());
		GeneratedYaml.at(tree, "gatehouse.security").put("rules", RoleRules.forService(description, service.name()));
		GatehouseSettings.brand(tree, description.brand());
		Map<String, Object> secure = new LinkedHashMap<>();
		GeneratedYaml.at(secure, "spring.config.activate").put("on-profile", "secure");
		GeneratedYaml.at(secure, "gatehouse.security")
			.put("allowed-client-subjects", description.allowedClientSubjects(service.name()));
		return GeneratedYaml
			.write(service.name() + "'s name, ports, brand and role rules (application.yaml imports it).", tree)
				+ GeneratedYaml.document("The secure profile (mutual TLS): the client certificates it admits,"
						+ " the gateway's and its callers'.", secure);
	}

}
