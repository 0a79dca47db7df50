package dev.gatehouse.platform;

import java.util.List;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * The services' certificates the dev PKI makes (subject, server or server-and-client) and
 * the subject of the gateway's client certificate: a properties file in the dev PKI's
 * resources, read by its ServiceCertificate.
 */
final class PkiServices {

	static final String PATH = "tooling/dev-pki/src/main/resources/dev/gatehouse/pki/services.properties";

	private static final List<String> USAGES = List.of("server", "server-and-client");

	private PkiServices() {
	}

	static String generate(PlatformDescription description) {
		StringBuilder text = new StringBuilder(GeneratedYaml.header("#",
				"The services' and the gateway's client certificates of the dev PKI (dev.gatehouse.pki.ServiceCertificate)."));
		text.append("gateway.client-subject=").append(description.gateway().clientSubject()).append('\n');
		List<Service> services = description.serviceList();
		text.append("services=").append(String.join(",", services.stream().map(Service::name).toList())).append('\n');
		for (Service service : services) {
			if (!USAGES.contains(service.certificateUsage())) {
				throw new PlatformDescriptionException(PlatformDescription.FILE + ": services." + service.name()
						+ ".certificate.usage must be one of " + USAGES);
			}
			text.append(service.name()).append(".subject=").append(service.certificateSubject()).append('\n');
			text.append(service.name()).append(".usage=").append(service.certificateUsage()).append('\n');
		}
		return text.toString();
	}

}
