package dev.gatehouse.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import dev.gatehouse.platform.PlatformDescription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlays render (kubectl kustomize, offline) into typed models, and the resources
 * around the workloads keep the rules of deploy/README.md: ClusterIP services, one TLS
 * Ingress for the gateway only, default-deny NetworkPolicies with exactly the platform's
 * flows, autoscalers and disruption budgets, and no secret values.
 */
class KubernetesManifestsTests {

	static final List<String> overlays = Manifests.OVERLAYS;

	private static final PlatformDescription DESCRIPTION = DescribedPlatform.DESCRIPTION;

	/** The services gatehouse.yaml declares (a generated one too) and the gateway. */
	private static final List<String> APPLICATIONS = DescribedPlatform.APPLICATIONS;

	/**
	 * Who may open connections to whom (besides DNS), as the NetworkPolicies must allow
	 * and no more: the platform's own flows and, for each service gatehouse.yaml
	 * declares, the gateway's, Prometheus's and those of the services it calls towards
	 * it, and its own to Keycloak and its database. Flows from outside the namespace (the
	 * ingress controller, Prometheus) have no egress side here.
	 */
	private static final Set<String> FLOWS = flows();

	private static final Set<String> FROM_OUTSIDE = Set.of("ingress-nginx", "monitoring");

	/** The management (metrics) port of each scraped workload. */
	private static final Map<String, Integer> MANAGEMENT_PORTS = managementPorts();

	private static Set<String> flows() {
		Set<String> flows = new TreeSet<>(Set.of("ingress-nginx->gateway:8443", "gateway->keycloak:8080",
				"realm-apply->keycloak:8080", "gateway->redis:6379", "keycloak->postgres:5432",
				"monitoring->gateway:9080", "monitoring->keycloak:9000"));
		for (PlatformDescription.Service service : DESCRIPTION.serviceList()) {
			String name = service.name();
			flows.add("gateway->" + name + ":" + service.port());
			flows.add("monitoring->" + name + ":" + service.managementPort());
			flows.add(name + "->keycloak:8080");
			if (service.database() != null) {
				flows.add(name + "->postgres:5432");
			}
			for (String called : service.calls()) {
				flows.add(name + "->" + called + ":" + DESCRIPTION.services().get(called).port());
			}
		}
		return flows;
	}

	private static Map<String, Integer> managementPorts() {
		Map<String, Integer> ports = new TreeMap<>(Map.of("gateway", 9080, "keycloak", 9000));
		DESCRIPTION.serviceList().forEach((service) -> ports.put(service.name(), service.managementPort()));
		return ports;
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyServiceIsClusterIpAndNoManagementPortIsExposed(String overlay) {
		List<Service> services = Manifests.of(overlay).all(Service.class);
		assertThat(services).extracting((service) -> service.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(
					Stream.concat(APPLICATIONS.stream(), Stream.of("keycloak", "postgres", "redis")).toList());
		for (Service service : services) {
			assertThat(service.getSpec().getType()).as(service.getMetadata().getName()).isEqualTo("ClusterIP");
			assertThat(service.getSpec().getPorts()).extracting((port) -> port.getPort())
				.doesNotContainAnyElementsOf(MANAGEMENT_PORTS.values());
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void theOnlyIngressIsTlsToTheGateway(String overlay) {
		List<Ingress> ingresses = Manifests.of(overlay).all(Ingress.class);
		assertThat(ingresses).hasSize(1);
		Ingress ingress = ingresses.get(0);
		assertThat(ingress.getSpec().getTls()).singleElement().satisfies((tls) -> {
			assertThat(tls.getSecretName()).isNotBlank();
			assertThat(tls.getHosts()).containsExactly(ingress.getSpec().getRules().get(0).getHost());
		});
		assertThat(ingress.getSpec().getRules()).flatExtracting((rule) -> rule.getHttp().getPaths())
			.allSatisfy((path) -> assertThat(path.getBackend().getService().getName()).isEqualTo("gateway"));
		assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/backend-protocol",
				"HTTPS");
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void networkPoliciesDenyByDefaultAndAllowOnlyThePlatformsFlows(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		NetworkPolicy deny = manifests.get(NetworkPolicy.class, "default-deny-all");
		assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
		assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
		assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

		NetworkPolicy dns = manifests.get(NetworkPolicy.class, "allow-dns-egress");
		assertThat(dns.getSpec().getEgress()).singleElement()
			.satisfies((rule) -> assertThat(rule.getPorts()).extracting((port) -> port.getPort().getIntVal())
				.containsOnly(53));

		assertThat(manifests.ingressFlows()).containsExactlyInAnyOrderElementsOf(FLOWS);

		Set<String> egressFlows = manifests
			.egressFlows((policy) -> !policy.getMetadata().getName().equals("allow-dns-egress"));
		// Every flow a pod may open is admitted by its target (the ingress controller and
		// Prometheus are outside).
		assertThat(egressFlows).containsExactlyInAnyOrderElementsOf(FLOWS.stream()
			.filter((flow) -> FROM_OUTSIDE.stream().noneMatch((outside) -> flow.startsWith(outside + "->")))
			.collect(Collectors.toSet()));
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void prometheusAloneReachesEveryManagementPortAndIsToldWhereToScrape(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		MANAGEMENT_PORTS.forEach((app, port) -> {
			NetworkPolicy policy = manifests.get(NetworkPolicy.class, app);
			List<NetworkPolicyIngressRule> admitting = policy.getSpec()
				.getIngress()
				.stream()
				.filter((rule) -> rule.getPorts().stream().anyMatch((p) -> p.getPort().getIntVal().equals(port)))
				.toList();
			assertThat(admitting).as("rules admitting %s:%d", app, port).singleElement().satisfies((rule) -> {
				assertThat(rule.getPorts()).extracting((p) -> p.getPort().getIntVal()).containsExactly(port);
				assertThat(rule.getFrom()).singleElement().satisfies((peer) -> {
					assertThat(peer.getNamespaceSelector().getMatchLabels())
						.containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
					assertThat(peer.getPodSelector().getMatchLabels())
						.containsExactly(Map.entry("app.kubernetes.io/name", "prometheus"));
				});
			});
			var template = manifests.get(Deployment.class, app).getSpec().getTemplate();
			assertThat(template.getMetadata().getAnnotations()).as("scrape annotations of %s", app)
				.containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/port", String.valueOf(port))
				.containsEntry("prometheus.io/path", app.equals("keycloak") ? "/metrics" : "/actuator/prometheus");
			assertThat(template.getSpec().getContainers().get(0).getPorts()).anySatisfy((containerPort) -> {
				assertThat(containerPort.getName()).isEqualTo("management");
				assertThat(containerPort.getContainerPort()).isEqualTo(port);
			});
		});
		for (String name : APPLICATIONS) {
			assertThat(manifests.get(ConfigMap.class, name).getData())
				.as("%s listens for scrapes on the pod address", name)
				.containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
		}
		assertThat(manifests.env(Deployment.class, "keycloak")).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("KC_METRICS_ENABLED");
			assertThat(env.getValue()).isEqualTo("true");
		});
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void applicationsLogJsonLinesThroughBootsStructuredLogging(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		for (String name : Stream.concat(APPLICATIONS.stream(), Stream.of("realm-apply")).toList()) {
			assertThat(manifests.get(ConfigMap.class, name).getData()).as("logging of %s", name)
				.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void gatewayAndServicesScaleAndSurviveDisruption(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		for (String name : APPLICATIONS) {
			HorizontalPodAutoscaler hpa = manifests.get(HorizontalPodAutoscaler.class, name);
			assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
			assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
			PodDisruptionBudget pdb = manifests.get(PodDisruptionBudget.class, name);
			assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", name);
			assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
		}
		if (overlay.equals("prod")) {
			for (String name : APPLICATIONS) {
				assertThat(manifests.get(HorizontalPodAutoscaler.class, name).getSpec().getMinReplicas())
					.as("prod keeps two %s pods", name)
					.isGreaterThanOrEqualTo(2);
			}
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void applicationsRunTheSecureProfileWithTheirCertificatesFromTheirOwnSecret(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		for (String name : APPLICATIONS) {
			Deployment deployment = manifests.get(Deployment.class, name);
			var pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getVolumes()).as("volumes of %s", name)
				.filteredOn((volume) -> volume.getSecret() != null)
				.extracting((volume) -> volume.getSecret().getSecretName())
				.contains(name + "-tls");
			assertThat(pod.getContainers().get(0).getVolumeMounts()).as("mounts of %s", name).anySatisfy((mount) -> {
				assertThat(mount.getMountPath()).isEqualTo("/etc/gatehouse/tls");
				assertThat(mount.getReadOnly()).isTrue();
			});
			Map<String, String> config = manifests.get(ConfigMap.class, name).getData();
			assertThat(config.get("SPRING_PROFILES_ACTIVE")).as("profiles of %s", name).contains("secure");
			assertThat(config).containsEntry("GATEHOUSE_TLS_DIRECTORY", "/etc/gatehouse/tls");
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void noSecretValueIsInTheManifests(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		assertThat(manifests.all(Secret.class)).as("Secrets come from outside the repository").isEmpty();
		for (Manifests.Workload workload : manifests.workloads()) {
			for (EnvVar env : workload.template().getSpec().getContainers().get(0).getEnv()) {
				if (env.getName().matches(".*(PASSWORD|SECRET).*")) {
					assertThat(env.getValue()).as("%s of %s", env.getName(), workload).isNull();
					assertThat(env.getValueFrom().getSecretKeyRef()).as("%s of %s", env.getName(), workload)
						.isNotNull();
				}
			}
		}
		for (ConfigMap config : manifests.all(ConfigMap.class)) {
			if (config.getData() != null && APPLICATIONS.contains(config.getMetadata().getName())) {
				assertThat(config.getData().keySet()).noneMatch((key) -> key.matches(".*(PASSWORD|SECRET).*"));
			}
		}
		if (overlay.equals("prod")) {
			List<GenericKubernetesResource> external = manifests.all(GenericKubernetesResource.class)
				.stream()
				.filter((resource) -> resource.getKind().equals("ExternalSecret"))
				.toList();
			assertThat(external).extracting((resource) -> resource.getMetadata().getName())
				.containsExactlyInAnyOrderElementsOf(externalSecrets());
		}
	}

	/**
	 * The platform's own secrets and, for each service gatehouse.yaml declares, its
	 * certificate, its database password and its client's secret if it has a client.
	 */
	private static List<String> externalSecrets() {
		List<String> secrets = new ArrayList<>(List.of("gatehouse-gateway-client", "gatehouse-portal-client",
				"gatehouse-reporting-batch-client", "gatehouse-keycloak-admin", "gatehouse-keycloak-db",
				"gatehouse-postgres-admin", "gateway-tls"));
		for (PlatformDescription.Service service : DESCRIPTION.serviceList()) {
			secrets.add(service.name() + "-tls");
			secrets.add("gatehouse-" + ServiceDeploymentTests.prefix(service).toLowerCase(Locale.ROOT).replace('_', '-')
					+ "-db");
			if (service.client() != null) {
				secrets.add("gatehouse-" + service.client() + "-client");
			}
		}
		return secrets;
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void servicesTrustTheIssuerKeycloakPublishesAndFetchKeysInsideTheCluster(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		Map<String, String> keycloakEnv = manifests.env(Deployment.class, "keycloak")
			.stream()
			.filter((env) -> env.getValue() != null)
			.collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
		String issuer = keycloakEnv.get("KC_HOSTNAME") + "/realms/gatehouse";
		for (String name : APPLICATIONS) {
			ConfigMap config = manifests.all(ConfigMap.class)
				.stream()
				.filter((candidate) -> candidate.getMetadata().getName().equals(name))
				.findFirst()
				.orElseThrow();
			assertThat(config.getData()).containsEntry("GATEHOUSE_SECURITY_ISSUERURI", issuer)
				.containsEntry("GATEHOUSE_SECURITY_INTERNALISSUERURI", "http://keycloak:8080/realms/gatehouse");
		}
		if (overlay.equals("prod")) {
			assertThat(issuer).startsWith("https://");
		}
	}

}
