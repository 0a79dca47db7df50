package dev.gatehouse.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * k8s/base/&lt;service&gt;.yaml: the service's ConfigMap, Deployment (its ports,
 * certificate Secret, database and client secrets), Service, autoscaler, disruption
 * budget and the NetworkPolicies of every flow naming it, from k8s-service.yaml beside
 * this class. A plain text template with ${...} placeholders: the manifest is the same
 * for every service but for these values, and its comments stay readable.
 */
final class KubernetesService {

	static final String KUSTOMIZATION = "k8s/base/kustomization.yaml";

	static final String REALM_APPLY = "k8s/base/realm-apply.yaml";

	private static final String TEMPLATE = read("k8s-service.yaml");

	private KubernetesService() {
	}

	/**
	 * The realm-apply Job's part: the secret variable of every service's client, from the
	 * Secret the service reads it from too.
	 */
	static Map<String, String> realmApply(PlatformDescription description) {
		return Map.of("service-client-secrets",
				description.serviceList()
					.stream()
					.filter((service) -> service.client() != null)
					.map(KubernetesService::clientSecret)
					.collect(Collectors.joining()));
	}

	/** The environment entry of a service client's secret, from its Secret. */
	private static String clientSecret(Service service) {
		return """
				            - name: %s
				              valueFrom:
				                secretKeyRef:
				                  name: gatehouse-%s-client
				                  key: client-secret
				""".formatted(ComposeServices.clientSecretVariable(service.client()), service.client());
	}

	static String path(Service service) {
		return "k8s/base/" + service.name() + ".yaml";
	}

	static String generate(PlatformDescription description, Service service) {
		String prefix = prefix(service);
		String clientSecret = (service.client() != null) ? clientSecret(service) : "";
		List<String> callers = description.serviceList()
			.stream()
			.filter((other) -> other.calls().contains(service.name()))
			.map(Service::name)
			.toList();
		StringBuilder calledUris = new StringBuilder();
		StringBuilder calledEgress = new StringBuilder();
		for (String called : service.calls()) {
			Service other = description.services().get(called);
			calledUris.append("  ")
				.append(ComposeServices.uriVariable(other))
				.append(": ")
				.append(ComposeServices.address(other))
				.append('\n');
			calledEgress.append("""
					    - to:
					        - podSelector:
					            matchLabels:
					              app.kubernetes.io/name: %s
					      ports:
					        - protocol: TCP
					          port: %d
					""".formatted(other.name(), other.port()));
		}
		StringBuilder callerPeers = new StringBuilder();
		for (String caller : callers) {
			callerPeers.append("""
					        - podSelector:
					            matchLabels:
					              app.kubernetes.io/name: %s
					""".formatted(caller));
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("name", service.name());
		values.put("port", String.valueOf(service.port()));
		values.put("managementPort", String.valueOf(service.managementPort()));
		values.put("database", service.database());
		values.put("prefix", prefix);
		values.put("PREFIX", ComposeServices.variablePrefix(service));
		values.put("clientSecret", clientSecret);
		values.put("secureComment", ComposeServices.callersComment(description, service));
		values.put("calledUris", calledUris.toString());
		values.put("calledEgress", calledEgress.toString());
		values.put("callerPeers", callerPeers.toString());
		values.put("callersText", callers.stream().map((caller) -> " and " + caller).collect(Collectors.joining()));
		values.put("calledText", service.calls().stream().map((called) -> called + ", ").collect(Collectors.joining()));
		String text = TEMPLATE;
		for (Map.Entry<String, String> value : values.entrySet()) {
			text = text.replace("${" + value.getKey() + "}", value.getValue());
		}
		return GeneratedYaml.header("#",
				"The Kubernetes objects of " + service.name() + " (k8s/base/kustomization.yaml lists it).") + text;
	}

	/** k8s/base/kustomization.yaml's list of the services' manifests. */
	static Map<String, String> kustomization(PlatformDescription description) {
		StringBuilder text = new StringBuilder();
		description.serviceList().forEach((service) -> text.append("  - ").append(service.name()).append(".yaml\n"));
		return Map.of("service-manifests", text.toString());
	}

	/** The gateway's ConfigMap (k8s/base/config.yaml): the services it routes to. */
	static Map<String, String> gatewayBackends(PlatformDescription description) {
		StringBuilder text = new StringBuilder();
		for (Service service : description.serviceList()) {
			text.append("  ")
				.append(ComposeServices.backendVariable(service))
				.append(": ")
				.append(ComposeServices.address(service))
				.append('\n');
		}
		return Map.of("gateway-backends", text.toString());
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
