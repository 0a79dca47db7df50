package dev.gatehouse.platform;

import java.util.List;

import dev.gatehouse.platform.PlatformDescription.Route;
import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * The launcher's list of what {@code ./gatehouse up} runs, in start order, with ports,
 * what each service calls and the gateway's backends: a properties file in the launcher's
 * resources (its Services reads it), so the launcher needs no YAML parser.
 */
final class LauncherServices {

	static final String PATH = "tooling/launcher/src/main/resources/dev/gatehouse/launcher/service/services.properties";

	private LauncherServices() {
	}

	static String generate(PlatformDescription description) {
		StringBuilder text = new StringBuilder(GeneratedYaml.header("#",
				"The services ./gatehouse up runs, in start order (dev.gatehouse.launcher.service.Services)."));
		List<Service> services = description.serviceList();
		text.append("services=").append(String.join(",", services.stream().map(Service::name).toList())).append('\n');
		for (Service service : services) {
			String prefix = service.name() + ".";
			text.append(prefix).append("module=").append(service.module()).append('\n');
			text.append(prefix).append("port=").append(service.port()).append('\n');
			text.append(prefix).append("management-port=").append(service.managementPort()).append('\n');
			text.append(prefix).append("calls=").append(String.join(",", service.calls())).append('\n');
			if (service.client() != null) {
				text.append(prefix).append("client=").append(service.client()).append('\n');
			}
		}
		text.append("gateway.module=").append(description.gateway().module()).append('\n');
		text.append("gateway.port=").append(description.gateway().port()).append('\n');
		text.append("gateway.management-port=").append(description.gateway().managementPort()).append('\n');
		text.append("gateway.tls-port=").append(description.gateway().tlsPort()).append('\n');
		List<String> backends = services.stream()
			.map(Service::name)
			.filter((name) -> description.routes().stream().map(Route::service).anyMatch(name::equals))
			.toList();
		text.append("gateway.backends=").append(String.join(",", backends)).append('\n');
		return text.toString();
	}

}
