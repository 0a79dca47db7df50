package dev.gatehouse.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every object both overlays render is valid, strictly, against the Kubernetes API (see
 * {@link KubernetesSchema}); the only kind outside it is the External Secrets Operator's
 * ExternalSecret, whose fields KubernetesManifestsTests checks. The tests at the end
 * prove that the validation is strict.
 */
class KubernetesSchemaTests {

	/** Custom resources: not in the Kubernetes API, so not schema-validated here. */
	private static final Set<String> CUSTOM_KINDS = Set.of("external-secrets.io/v1 ExternalSecret");

	static Stream<Named<String>> renderedObjects() {
		List<Named<String>> objects = new ArrayList<>();
		for (String overlay : Manifests.OVERLAYS) {
			Manifests manifests = Manifests.of(overlay);
			for (int i = 0; i < manifests.all().size(); i++) {
				HasMetadata resource = manifests.all().get(i);
				if (!CUSTOM_KINDS.contains(resource.getApiVersion() + " " + resource.getKind())) {
					objects.add(Named.of(overlay + ": " + resource.getKind() + " " + resource.getMetadata().getName(),
							manifests.documents().get(i)));
				}
			}
		}
		return objects.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("renderedObjects")
	void renderedObjectIsValidAgainstTheKubernetesApi(String yaml) {
		KubernetesSchema.validate(yaml);
	}

	@Test
	void everyRenderedKindIsInTheKubernetesApiOrAKnownCustomResource() {
		Set<String> unknown = new TreeSet<>();
		for (String overlay : Manifests.OVERLAYS) {
			for (HasMetadata resource : Manifests.of(overlay).all()) {
				String kind = resource.getApiVersion() + " " + resource.getKind();
				if (KubernetesSchema.modelOf(resource.getApiVersion(), resource.getKind()).isEmpty()) {
					unknown.add(kind);
				}
			}
		}
		assertThat(unknown).isEqualTo(CUSTOM_KINDS);
	}

	@Test
	void anUnknownFieldIsRefused() {
		assertThatThrownBy(() -> KubernetesSchema.validate(deployment("imagePullPolicyy: Always", "replicas: 2")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Deployment probe")
			.hasMessageContaining("imagePullPolicyy");
	}

	@Test
	void aValueOfTheWrongTypeIsRefused() {
		assertThatThrownBy(() -> KubernetesSchema.validate(deployment("imagePullPolicy: Always", "replicas: two")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Deployment probe");
	}

	@Test
	void anObjectWhereAListBelongsIsRefused() {
		String yaml = deployment("imagePullPolicy: Always", "replicas: 2").replace("containers:\n        - name: probe",
				"containers:\n          name: probe");
		assertThatThrownBy(() -> KubernetesSchema.validate(yaml)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("containers");
	}

	@Test
	void aMisplacedFieldIsRefusedWhereverItIsNested() {
		String yaml = deployment("imagePullPolicy: Always", "replicas: 2").replace("      labels:",
				"      runAsUser: 1000\n      labels:");
		assertThatThrownBy(() -> KubernetesSchema.validate(yaml)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("runAsUser");
	}

	@Test
	void aValidDeploymentPasses() {
		KubernetesSchema.validate(deployment("imagePullPolicy: Always", "replicas: 2"));
		assertThat(KubernetesSchema.modelOf("autoscaling/v2", "HorizontalPodAutoscaler")).isPresent();
	}

	private static String deployment(String containerField, String specField) {
		return """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: probe
				spec:
				  %s
				  selector:
				    matchLabels:
				      app: probe
				  template:
				    metadata:
				      labels:
				        app: probe
				    spec:
				      containers:
				        - name: probe
				          image: probe:1
				          %s
				""".formatted(specField, containerField);
	}

}
