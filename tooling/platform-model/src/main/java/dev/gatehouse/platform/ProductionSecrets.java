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
		StringBuilder text = new StringBuilder("""
				apiVersion: external-secrets.io/v1
				kind: ExternalSecret
				metadata:
				  name: %1$s-tls
				spec:
				  secretStoreRef:
				    kind: ClusterSecretStore
				    name: gatehouse-secrets
				  target:
				    name: %1$s-tls
				  data:
				    # %2$s (alias %1$s)
				    - secretKey: %1$s.p12
				      remoteRef:
				        key: gatehouse/%1$s-tls/%1$s.p12
				        decodingStrategy: Base64
				    # trust store: %3$s
				    - secretKey: internal-ca.p12
				      remoteRef:
				        key: gatehouse/%1$s-tls/internal-ca.p12
				        decodingStrategy: Base64
				    - secretKey: password
				      remoteRef:
				        key: gatehouse/%1$s-tls/password
				---
				apiVersion: external-secrets.io/v1
				kind: ExternalSecret
				metadata:
				  name: gatehouse-%4$s-db
				spec:
				  secretStoreRef:
				    kind: ClusterSecretStore
				    name: gatehouse-secrets
				  target:
				    name: gatehouse-%4$s-db
				  data:
				    - secretKey: password
				      remoteRef:
				        key: gatehouse/%4$s-db-password
				""".formatted(service.name(), certificate, trusted, KubernetesService.prefix(service)));
		if (service.client() != null) {
			text.append("""
					---
					apiVersion: external-secrets.io/v1
					kind: ExternalSecret
					metadata:
					  name: gatehouse-%1$s-client
					spec:
					  secretStoreRef:
					    kind: ClusterSecretStore
					    name: gatehouse-secrets
					  target:
					    name: gatehouse-%1$s-client
					  data:
					    - secretKey: client-secret
					      remoteRef:
					        key: gatehouse/%1$s-client-secret
					""".formatted(service.client()));
		}
		return text.toString();
	}

}
