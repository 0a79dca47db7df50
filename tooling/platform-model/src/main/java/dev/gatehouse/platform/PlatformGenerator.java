package dev.gatehouse.platform;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code generate [root]} writes every file derived from gatehouse.yaml; {@code check
 * [root]} lists the ones out of date and fails. The root defaults to the working
 * directory.
 */
public final class PlatformGenerator {

	private PlatformGenerator() {
	}

	public static void main(String[] args) {
		if (args.length < 1 || !List.of("generate", "check").contains(args[0])) {
			System.err.println("usage: generate|check [repository root]");
			System.exit(2);
		}
		Path root = Path.of((args.length > 1) ? args[1] : "").toAbsolutePath();
		try {
			if (args[0].equals("generate")) {
				PlatformFiles.write(root).forEach((path) -> System.out.println("generated " + path));
			}
			else {
				List<String> outdated = PlatformFiles.outdated(root);
				outdated.forEach((path) -> System.err.println("out of date: " + path + " (run ./gatehouse generate)"));
				System.exit(outdated.isEmpty() ? 0 : 1);
			}
		}
		catch (PlatformDescriptionException ex) {
			System.err.println("gatehouse generate: " + ex.getMessage());
			System.exit(1);
		}
	}

}
