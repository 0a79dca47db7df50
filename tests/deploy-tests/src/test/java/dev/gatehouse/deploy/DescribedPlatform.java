package dev.gatehouse.deploy;

import java.util.List;
import java.util.stream.Stream;

import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.test.edge.Commands;

/**
 * The platform gatehouse.yaml describes, read once for this module's tests: what they
 * check for every service is taken from here, so a service ./gatehouse new-service adds
 * (CI's template stage) is held to the same checks without editing them. Kept here rather
 * than in test-support, which platform-model's own tests use: test-support cannot depend
 * on platform-model.
 */
final class DescribedPlatform {

	static final PlatformDescription DESCRIPTION = PlatformDescription
		.load(Commands.ROOT.resolve(PlatformDescription.FILE));

	/**
	 * The applications built from this repository's modules and run from their jars: the
	 * described services, in the description's order, then the gateway.
	 */
	static final List<String> APPLICATIONS = Stream
		.concat(DESCRIPTION.services().keySet().stream(), Stream.of("gateway"))
		.toList();

	/**
	 * Every image deploy/docker/Dockerfile builds: the applications and the realm-apply
	 * one-shot.
	 */
	static final List<String> IMAGES = Stream.concat(APPLICATIONS.stream(), Stream.of("realm-apply")).toList();

	private DescribedPlatform() {
	}

}
