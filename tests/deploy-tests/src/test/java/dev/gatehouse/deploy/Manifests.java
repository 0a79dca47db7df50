package dev.gatehouse.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.gatehouse.test.edge.Commands;

/**
 * An overlay of k8s/ as kustomize renders it (kubectl's built-in kustomize, offline),
 * parsed into fabric8's typed Kubernetes models. Rendered once per overlay and test run.
 */
final class Manifests {

	static final List<String> OVERLAYS = List.of("dev", "prod");

	private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

	private final String overlay;

	private final List<HasMetadata> resources;

	private final List<String> documents;

	private Manifests(String overlay, List<HasMetadata> resources, List<String> documents) {
		this.overlay = overlay;
		this.resources = resources;
		this.documents = documents;
	}

	static Manifests of(String overlay) {
		return RENDERED.computeIfAbsent(overlay, Manifests::render);
	}

	private static Manifests render(String overlay) {
		// Plain kubectl, no load-restrictor flag: what kubectl apply -k, Argo CD and Flux
		// render.
		String yaml = Commands.run(Duration.ofSeconds(60), "kubectl", "kustomize", "k8s/overlays/" + overlay)
			.requireSuccess("kubectl kustomize k8s/overlays/" + overlay)
			.output();
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<HasMetadata> resources = new ArrayList<>();
		List<String> documents = new ArrayList<>();
		for (String document : yaml.split("(?m)^---$")) {
			if (!document.isBlank()) {
				resources.add(serialization.unmarshal(document, HasMetadata.class));
				documents.add(document);
			}
		}
		return new Manifests(overlay, List.copyOf(resources), List.copyOf(documents));
	}

	/**
	 * Every rendered object as kustomize wrote it (YAML), in the order of {@link #all()}.
	 */
	List<String> documents() {
		return this.documents;
	}

	String overlay() {
		return this.overlay;
	}

	List<HasMetadata> all() {
		return this.resources;
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((resource) -> resource.getMetadata().getName().equals(name)).findFirst();
	}

	<T extends HasMetadata> T get(Class<T> type, String name) {
		return find(type, name).orElseThrow(
				() -> new AssertionError(this.overlay + " renders no " + type.getSimpleName() + " named " + name));
	}

	/**
	 * The environment of the first container of the Deployment, StatefulSet or Job named
	 * {@code name}.
	 */
	List<EnvVar> env(Class<? extends HasMetadata> kind, String name) {
		return workloads().stream()
			.filter((workload) -> workload.kind().equals(kind.getSimpleName()) && workload.name().equals(name))
			.findFirst()
			.orElseThrow(
					() -> new AssertionError(this.overlay + " renders no " + kind.getSimpleName() + " named " + name))
			.template()
			.getSpec()
			.getContainers()
			.get(0)
			.getEnv();
	}

	/**
	 * Every flow the NetworkPolicies admit at the receiving end, as
	 * {@code from->to:port}: a pod by its app name, a peer namespace by its name.
	 */
	Set<String> ingressFlows() {
		return all(NetworkPolicy.class).stream()
			.filter((policy) -> policy.getSpec().getIngress() != null)
			.flatMap((policy) -> policy.getSpec()
				.getIngress()
				.stream()
				.flatMap((rule) -> rule.getFrom()
					.stream()
					.flatMap((peer) -> rule.getPorts()
						.stream()
						.map((port) -> peerName(peer) + "->" + app(policy.getSpec().getPodSelector()) + ":"
								+ port.getPort().getIntVal()))))
			.collect(Collectors.toSet());
	}

	/**
	 * Every flow the chosen NetworkPolicies with egress rules admit at the sending end,
	 * written as {@link #ingressFlows()} writes them.
	 */
	Set<String> egressFlows(Predicate<NetworkPolicy> chosen) {
		return all(NetworkPolicy.class).stream()
			.filter((policy) -> policy.getSpec().getEgress() != null && chosen.test(policy))
			.flatMap((policy) -> policy.getSpec()
				.getEgress()
				.stream()
				.flatMap((rule) -> rule.getTo()
					.stream()
					.flatMap((peer) -> rule.getPorts()
						.stream()
						.map((port) -> app(policy.getSpec().getPodSelector()) + "->" + peerName(peer) + ":"
								+ port.getPort().getIntVal()))))
			.collect(Collectors.toSet());
	}

	private static String app(LabelSelector selector) {
		return selector.getMatchLabels().get("app.kubernetes.io/name");
	}

	private static String peerName(NetworkPolicyPeer peer) {
		if (peer.getNamespaceSelector() != null) {
			return peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
		}
		return app(peer.getPodSelector());
	}

	/** Every Deployment, StatefulSet and Job with its pod template. */
	List<Workload> workloads() {
		List<Workload> workloads = new ArrayList<>();
		all(Job.class).forEach((job) -> workloads
			.add(new Workload(this.overlay, "Job", job.getMetadata().getName(), job.getSpec().getTemplate())));
		all(Deployment.class).forEach((deployment) -> workloads.add(new Workload(this.overlay, "Deployment",
				deployment.getMetadata().getName(), deployment.getSpec().getTemplate())));
		all(StatefulSet.class).forEach((set) -> workloads
			.add(new Workload(this.overlay, "StatefulSet", set.getMetadata().getName(), set.getSpec().getTemplate())));
		return workloads;
	}

	record Workload(String overlay, String kind, String name, PodTemplateSpec template) {

		/**
		 * A one-shot: Kubernetes judges it by its exit, so it has no liveness or
		 * readiness probe.
		 */
		boolean runsOnce() {
			return this.kind.equals("Job");
		}

		@Override
		public String toString() {
			return this.overlay + ": " + this.kind + " " + this.name;
		}

	}

}
