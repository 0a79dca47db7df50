package dev.gatehouse.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the gateway's key store and the portal working in the cluster, in both
 * overlays: Redis, where the partners' keys, their rotations and revocations and the
 * portal's sessions live, keeps them on a persistent volume in an append-only file; and
 * the portal behind the Ingress signs people in at the Ingress's host: the Ingress
 * re-encrypts to the gateway's TLS listener (so the session cookie is {@code Secure}),
 * the gateway believes the controller's {@code X-Forwarded-*} (its trusted proxies), so
 * its redirect URIs name the public origin, and realm-apply registers exactly that
 * origin's callback and post-logout address with the portal's client.
 */
class KubernetesKeyStoreAndPortalTests {

	static final List<String> overlays = Manifests.OVERLAYS;

	@ParameterizedTest
	@FieldSource("overlays")
	void redisKeepsItsDataInAnAppendOnlyFileOnAPersistentVolume(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		assertThat(manifests.find(Deployment.class, "redis")).as("redis as a Deployment").isEmpty();
		StatefulSet redis = manifests.get(StatefulSet.class, "redis");
		assertThat(redis.getSpec().getReplicas()).isEqualTo(1);
		assertThat(redis.getSpec().getServiceName()).isEqualTo("redis");

		Container container = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getArgs()).containsSubsequence("--appendonly", "yes")
			.containsSubsequence("--appendfsync", "everysec");
		assertThat(container.getVolumeMounts())
			.anySatisfy((mount) -> assertThat(mount.getName() + ":" + mount.getMountPath()).isEqualTo("data:/data"));
		assertThat(redis.getSpec().getTemplate().getSpec().getVolumes()).as("no pod volume in place of the claim")
			.noneSatisfy((volume) -> assertThat(volume.getName()).isEqualTo("data"));
		assertThat(redis.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup()).isEqualTo(999L);

		List<PersistentVolumeClaim> claims = redis.getSpec().getVolumeClaimTemplates();
		assertThat(claims).singleElement().satisfies((claim) -> {
			assertThat(claim.getMetadata().getName()).isEqualTo("data");
			assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
			assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
		});
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void thePortalBehindTheIngressSignsInAtTheIngressHost(String overlay) {
		Manifests manifests = Manifests.of(overlay);
		Ingress ingress = manifests.get(Ingress.class, "gateway");
		String host = ingress.getSpec().getRules().get(0).getHost();
		assertThat(ingress.getSpec().getTls()).singleElement()
			.satisfies((tls) -> assertThat(tls.getHosts()).containsExactly(host));
		assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/backend-protocol",
				"HTTPS");

		Map<String, String> gateway = manifests.get(ConfigMap.class, "gateway").getData();
		assertThat(gateway.get("GATEHOUSE_GATEWAY_NETWORK_TRUSTEDPROXIES")).as("the ingress controller trusted")
			.isNotBlank();

		Map<String, String> realmApply = manifests.get(ConfigMap.class, "realm-apply").getData();
		assertThat(realmApply).containsEntry("GATEHOUSE_REALMAPPLY_PORTALORIGINS", "https://" + host);
		Job job = manifests.get(Job.class, "realm-apply");
		assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
			.anySatisfy((source) -> assertThat(source.getConfigMapRef()).extracting(ConfigMapEnvSource::getName)
				.isEqualTo("realm-apply"));
	}

}
