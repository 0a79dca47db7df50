package dev.gatehouse.deploy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.deploy.Manifests.Workload;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every workload of every overlay, checked against the deployment policy of
 * deploy/README.md: non-root, no privilege escalation, no capabilities, RuntimeDefault
 * seccomp, requests and limits, liveness and readiness probes (not for the realm-apply
 * Job, which runs once), a read-only root filesystem; the platform's own services also
 * probe actuator on the management port, write only to an emptyDir /tmp, and shut down
 * gracefully.
 */
class WorkloadPolicyTests {

	/** The services gatehouse.yaml declares (a generated one too) and the gateway. */
	private static final Set<String> APPLICATIONS = new TreeSet<>(DescribedPlatform.APPLICATIONS);

	/**
	 * Keycloak's {@code start} re-augments into its install directory; the exception is
	 * explained in k8s/base/keycloak.yaml and deploy/README.md (an optimized image
	 * removes it).
	 */
	private static final Set<String> WRITABLE_ROOT_ALLOWED = Set.of("keycloak");

	static Stream<Workload> workloads() {
		return Manifests.OVERLAYS.stream().flatMap((overlay) -> Manifests.of(overlay).workloads().stream());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("workloads")
	void runsAsNonRootWithRuntimeDefaultSeccomp(Workload workload) {
		PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
		assertThat(pod).as("pod security context").isNotNull();
		assertThat(pod.getRunAsNonRoot()).as("runAsNonRoot").isTrue();
		assertThat(pod.getRunAsUser()).as("runAsUser").isNotNull().isPositive();
		assertThat(pod.getSeccompProfile().getType()).as("seccomp").isEqualTo("RuntimeDefault");
		assertThat(workload.template().getSpec().getAutomountServiceAccountToken()).as("service account token")
			.isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("workloads")
	void containersCannotEscalateAndHoldNoCapabilities(Workload workload) {
		for (Container container : containers(workload)) {
			SecurityContext security = container.getSecurityContext();
			assertThat(security).as("security context of %s", container.getName()).isNotNull();
			assertThat(security.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
			assertThat(security.getPrivileged()).as("privileged").isNotEqualTo(Boolean.TRUE);
			assertThat(security.getCapabilities().getDrop()).as("dropped capabilities").containsExactly("ALL");
			assertThat(security.getCapabilities().getAdd()).as("added capabilities").isNullOrEmpty();
			if (!WRITABLE_ROOT_ALLOWED.contains(workload.name())) {
				assertThat(security.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("workloads")
	void containersHaveRequestsLimitsAndProbes(Workload workload) {
		for (Container container : containers(workload)) {
			assertThat(container.getResources().getRequests()).as("requests of %s", container.getName())
				.containsKeys("cpu", "memory");
			assertThat(container.getResources().getLimits()).as("limits of %s", container.getName())
				.containsKeys("cpu", "memory");
			if (!workload.runsOnce()) {
				assertThat(container.getLivenessProbe()).as("liveness probe").isNotNull();
				assertThat(container.getReadinessProbe()).as("readiness probe").isNotNull();
			}
			assertThat(container.getImage()).as("image").doesNotEndWith(":latest").contains(":");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applications")
	void applicationsProbeActuatorOnTheManagementPort(Workload workload) {
		Container container = containers(workload).get(0);
		assertActuator(container.getLivenessProbe(), "/actuator/health/liveness");
		assertActuator(container.getReadinessProbe(), "/actuator/health/readiness");
		assertThat(container.getPorts()).anySatisfy((port) -> assertThat(port.getName()).isEqualTo("management"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applications")
	void applicationsWriteOnlyToAnEmptyDirTmp(Workload workload) {
		Container container = containers(workload).get(0);
		VolumeMount tmp = container.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getMountPath().equals("/tmp"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no /tmp mount"));
		Volume volume = workload.template()
			.getSpec()
			.getVolumes()
			.stream()
			.filter((candidate) -> candidate.getName().equals(tmp.getName()))
			.findFirst()
			.orElseThrow();
		assertThat(volume.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
		container.getVolumeMounts()
			.stream()
			.filter((mount) -> !mount.getMountPath().equals("/tmp"))
			.forEach((mount) -> assertThat(mount.getReadOnly()).as("mount %s", mount.getMountPath()).isTrue());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("applications")
	void applicationsShutDownGracefully(Workload workload) {
		Container container = containers(workload).get(0);
		assertThat(container.getLifecycle().getPreStop()).as("preStop").isNotNull();
		// preStop delay plus Spring's 30 s shutdown phase fit in the grace period.
		assertThat(container.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "10");
		assertThat(workload.template().getSpec().getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(40L);
	}

	static Stream<Workload> applications() {
		return workloads().filter((workload) -> APPLICATIONS.contains(workload.name()));
	}

	private static void assertActuator(Probe probe, String path) {
		assertThat(probe.getHttpGet()).as("HTTP probe").isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
	}

	private static List<Container> containers(Workload workload) {
		List<Container> containers = workload.template().getSpec().getContainers();
		assertThat(containers).as("containers of %s", workload).isNotEmpty();
		assertThat(workload.template().getSpec().getInitContainers()).as("init containers").isNullOrEmpty();
		return containers;
	}

}
