package dev.gatehouse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import dev.gatehouse.deploy.Manifests.Workload;
import dev.gatehouse.test.edge.Commands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user ids, read-only roots and writable paths that the compose run proves (every
 * container of docker-compose.yml starts and serves the end-to-end suite with them, the
 * realm-apply one-shot applies the realm as the Kubernetes Job does, and
 * ComposeStackEndToEndIntegrationTests checks the running ids) are the ones the
 * Kubernetes manifests give the same workloads: what works in compose then works in the
 * cluster, and a change on one side fails here until the other follows.
 */
class ContainerIdentityTests {

	/**
	 * Built from deploy/docker/Dockerfile: the services gatehouse.yaml declares and ours.
	 */
	static final Set<String> APPLICATIONS = new TreeSet<>(DescribedPlatform.IMAGES);

	static final List<String> WORKLOADS = Stream
		.concat(APPLICATIONS.stream(), Stream.of("keycloak", "postgres", "redis"))
		.toList();

	@ParameterizedTest(name = "{0}")
	@FieldSource("WORKLOADS")
	void composeAndEveryOverlayRunTheWorkloadAsTheSameUserWithTheSameWritablePaths(String name) throws IOException {
		Map<String, Object> service = ComposeFile.service(name);
		String composeUser = APPLICATIONS.contains(name) ? dockerfileUser() : String.valueOf(service.get("user"));
		boolean composeReadOnly = Boolean.TRUE.equals(service.get("read_only"));
		Set<String> composeWritable = composeWritablePaths(service);

		for (String overlay : Manifests.OVERLAYS) {
			Workload workload = Manifests.of(overlay)
				.workloads()
				.stream()
				.filter((candidate) -> candidate.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError(overlay + " has no workload " + name));
			PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
			Container container = workload.template().getSpec().getContainers().get(0);
			assertThat(pod.getRunAsUser() + ":" + pod.getRunAsGroup()).as("%s: user of %s", overlay, name)
				.isEqualTo(composeUser);
			assertThat(Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem()))
				.as("%s: read-only root of %s", overlay, name)
				.isEqualTo(composeReadOnly);
			Set<String> writable = new TreeSet<>();
			container.getVolumeMounts()
				.stream()
				.filter((mount) -> !Boolean.TRUE.equals(mount.getReadOnly()))
				.forEach((mount) -> writable.add(mount.getMountPath()));
			assertThat(writable).as("%s: writable paths of %s", overlay, name).isEqualTo(composeWritable);
		}
	}

	/** The image's user: the last USER of deploy/docker/Dockerfile. */
	private static String dockerfileUser() throws IOException {
		List<String> users = Files.readAllLines(Commands.ROOT.resolve("deploy/docker/Dockerfile"))
			.stream()
			.filter((line) -> line.startsWith("USER "))
			.map((line) -> line.substring("USER ".length()).trim())
			.toList();
		assertThat(users).as("USER lines of deploy/docker/Dockerfile").isNotEmpty();
		return users.get(users.size() - 1);
	}

	/** tmpfs mounts and volumes mounted without {@code :ro}. */
	private static Set<String> composeWritablePaths(Map<String, Object> service) {
		Set<String> writable = new TreeSet<>();
		ComposeFile.list(service.get("tmpfs")).forEach((path) -> writable.add(String.valueOf(path).split(":")[0]));
		for (Object volume : ComposeFile.list(service.get("volumes"))) {
			String[] parts = String.valueOf(volume).split(":");
			if (parts.length < 3 || !List.of(parts[2].split(",")).contains("ro")) {
				writable.add(parts[1]);
			}
		}
		return writable;
	}

}
