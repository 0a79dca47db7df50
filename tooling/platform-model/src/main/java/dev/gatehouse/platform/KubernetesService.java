package dev.gatehouse.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * k8s/base/&lt;service&gt;.yaml: the service's Deployment (its ports, certificate Secret,
 * database and client secrets), Service, autoscaler and disruption budget, from
 * k8s-service.yaml beside this class. A plain text template with ${...} placeholders: the
 * manifest is the same for every service but for these values, and its comments stay
 * readable.
 */
final class KubernetesService {

	private static final String TEMPLATE = read("k8s-service.yaml");

	private KubernetesService() {
	}

	static String path(Service service) {
		return "k8s/base/" + service.name() + ".yaml";
	}

	static String generate(Service service) {
		String prefix = prefix(service);
		String clientSecret = "";
		if (service.client() != null) {
			String variable = service.client().toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
			clientSecret = """
					            - name: %s
					              valueFrom:
					                secretKeyRef:
					                  name: gatehouse-%s-client
					                  key: client-secret
					""".formatted(variable, service.client());
		}
		Map<String, String> values = Map.of("name", service.name(), "port", String.valueOf(service.port()),
				"managementPort", String.valueOf(service.managementPort()), "prefix", prefix, "PREFIX",
				prefix.toUpperCase(Locale.ROOT).replace('-', '_'), "clientSecret", clientSecret);
		String text = TEMPLATE;
		for (Map.Entry<String, String> value : values.entrySet()) {
			text = text.replace("${" + value.getKey() + "}", value.getValue());
		}
		return GeneratedYaml.header("#",
				"The Kubernetes objects of " + service.name() + " (k8s/base/kustomization.yaml lists it).") + text;
	}

	/**
	 * customer for customer-service: the prefix of its database variables
	 * (CUSTOMER_DB_PASSWORD) and Secret (gatehouse-customer-db).
	 */
	static String prefix(Service service) {
		return service.name().endsWith("-service")
				? service.name().substring(0, service.name().length() - "-service".length()) : service.name();
	}

	private static String read(String name) {
		try (InputStream in = KubernetesService.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the template " + name, ex);
		}
	}

}
