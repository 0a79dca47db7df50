package dev.gatehouse.platform;

import java.nio.file.Path;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * .dockerignore: the images copy only the packaged jars and the class-data sharing
 * training script (deploy/docker/Dockerfile); nothing else of the repository (.env,
 * .gatehouse/ state, sources) enters the build context.
 */
final class DockerIgnore {

	private DockerIgnore() {
	}

	static String generate(PlatformDescription description) {
		StringBuilder text = new StringBuilder(GeneratedYaml.header("#",
				"The images copy only the packaged jars and the class-data sharing training script (deploy/docker/Dockerfile);"));
		text.append("# nothing else of the repository (.env, .gatehouse/ state, sources) enters the build context.\n");
		text.append("*\n");
		for (Service service : description.serviceList()) {
			text.append(jar(service.module()));
		}
		text.append(jar(description.gateway().module()));
		for (String image : description.images()) {
			text.append(jar(image));
		}
		text.append("!deploy/docker/cds-training\n");
		return text.toString();
	}

	/**
	 * {@code <module>/target/<last folder of module>.jar}, as every module names its jar.
	 */
	static String jar(String module) {
		return "!" + module + "/target/" + Path.of(module).getFileName() + ".jar\n";
	}

}
