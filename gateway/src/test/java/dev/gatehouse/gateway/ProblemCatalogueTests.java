package dev.gatehouse.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.gatehouse.security.Problems;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error table of gateway/README.md names every problem of the catalogue, with its
 * status.
 */
class ProblemCatalogueTests {

	private static final List<String> TABLE = table();

	@ParameterizedTest
	@EnumSource(GatewayProblem.class)
	void theReadmeTableNamesTheProblemWithItsStatus(GatewayProblem problem) {
		String name = "`" + problem.type().substring(Problems.PREFIX.length()) + "`";
		assertThat(TABLE).as("rows of gateway/README.md's error table naming %s", name)
			.anyMatch((row) -> row.startsWith("| " + problem.status().value() + " |") && row.contains(name));
	}

	private static List<String> table() {
		try {
			List<String> lines = Files.readAllLines(Path.of("README.md"));
			int start = lines.indexOf("## What the gateway answers");
			return lines.subList(start, lines.size())
				.stream()
				.takeWhile((line) -> !line.startsWith("Limits of"))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("gateway/README.md must be readable from the module directory", ex);
		}
	}

}
