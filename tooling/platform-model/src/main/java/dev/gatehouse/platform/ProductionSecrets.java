package dev.gatehouse.platform;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * The prod overlay's part for each service: the ExternalSecrets of its key and trust
 * stores ({@code <service>-tls}), its database password and its client secret, and its
 * image's release tag. References only, never values: the secret manager holds them.
 */
final class ProductionSecrets {

	static final String PATH = "k8s/overlays/prod/service-secrets.yaml";

	static final String KUSTOMIZATION = "k8s/overlays/prod/kustomization.yaml";

	private ProductionSecrets() {
	}

	static String generate(PlatformDescription description) {
		String objects = description.serviceList()
			.stream()
			.map((service) -> secrets(description, service))
			.collect(Collectors.joining("---\n"));
		return GeneratedYaml.header("#",
				"The services' ExternalSecrets (kustomization.yaml beside it lists it; external-secrets.yaml has the rest).")
				+ objects;
	}

	/** The images of the services, pinned like the others in the prod kustomization. */
	static Map<String, String> images(PlatformDescription description) {
		StringBuilder text = new StringBuilder();
		for (Service service : description.serviceList()) {
			text.append("  - name: gatehouse/").append(service.name()).append("\n    newTag: 0.1.0\n");
		}
		return Map.of("service-images", text.toString());
	}

	private static String secrets(PlatformDescription description, Service service) {
		List<String> callers = description.serviceList()
			.stream()
			.filter((other) -> other.calls().contains(service.name()))
			.map((other) -> other.name() + "'s")
			.toList();
		String trusted = "the CA of the gateway's"
				+ callers.stream().map((caller) -> " and " + caller).collect(Collectors.joining())
				+ ((callers.isEmpty()) ? " client certificate" : " client certificates");
		if (!service.calls().isEmpty()) {
			trusted += " and " + String.join(" and ", service.calls().stream().map((called) -> called + "'s").toList())
					+ " server certificate";
		}
		String certificate = service.certificateUsage().equals("server-and-client") ? "server and client certificate"
				: "server certificate";
		String tls = service.name() + "-tls";
		StringBuilder text = new StringBuilder();
		text.append(externalSecret(tls, List.of(
				new Key(service.name() + ".p12", "gatehouse/" + tls + "/" + service.name() + ".p12", true,
						certificate + " (alias " + service.name() + ")"),
				new Key("internal-ca.p12", "gatehouse/" + tls + "/internal-ca.p12", true, "trust store: " + trusted),
				new Key("password", "gatehouse/" + tls + "/password", false, null))));
		String database = "gatehouse-" + KubernetesService.prefix(service) + "-db";
		text.append("---\n")
			.append(externalSecret(database, List.of(new Key("password",
					"gatehouse/" + KubernetesService.prefix(service) + "-db-password", false, null))));
		if (service.client() != null) {
			text.append("---\n")
				.append(externalSecret("gatehouse-" + service.client() + "-client", List
					.of(new Key("client-secret", "gatehouse/" + service.client() + "-client-secret", false, null))));
		}
		return text.toString();
	}

	/**
	 * An ExternalSecret of the secret manager's keys into the Secret of the same name.
	 */
	private static String externalSecret(String name, List<Key> keys) {
		StringBuilder text = new StringBuilder("""
				apiVersion: external-secrets.io/v1
				kind: ExternalSecret
				metadata:
				  name: %1$s
				spec:
				  secretStoreRef:
				    kind: ClusterSecretStore
				    name: gatehouse-secrets
				  target:
				    name: %1$s
				  data:
				""".formatted(name));
		for (Key key : keys) {
			if (key.comment() != null) {
				text.append("    # ").append(key.comment()).append('\n');
			}
			text.append("    - secretKey: ")
				.append(key.secretKey())
				.append("\n      remoteRef:\n        key: ")
				.append(key.remoteKey())
				.append('\n');
			if (key.base64()) {
				text.append("        decodingStrategy: Base64\n");
			}
		}
		return text.toString();
	}

	/**
	 * One key of a Secret from the secret manager.
	 *
	 * @param base64 whether the manager holds it Base64-encoded (binary key stores)
	 * @param comment what it is, or null
	 */
	private record Key(String secretKey, String remoteKey, boolean base64, String comment) {
	}

}
