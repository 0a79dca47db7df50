package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed generated files are what gatehouse.yaml generates now: regenerated into a
 * temporary directory and compared file by file.
 */
class PlatformFilesTests {

	static final Path ROOT = Repository.ROOT;

	@Test
	void everyCommittedGeneratedFileIsUpToDate(@TempDir Path temp) throws IOException {
		Files.copy(ROOT.resolve(PlatformDescription.FILE), temp.resolve(PlatformDescription.FILE));
		List<String> generated = PlatformFiles.write(temp);
		List<String> outdated = new ArrayList<>();
		for (String path : generated) {
			Path committed = ROOT.resolve(path);
			if (!Files.isRegularFile(committed)
					|| !Files.readString(committed).equals(Files.readString(temp.resolve(path)))) {
				outdated.add(path);
			}
		}
		assertThat(outdated).as("generated files out of date with gatehouse.yaml: run ./gatehouse generate").isEmpty();
	}

	@Test
	void everyGeneratedFileSaysSoAndHowToRegenerate() {
		PlatformFiles.generate(PlatformDescription.load(ROOT.resolve(PlatformDescription.FILE)))
			.forEach((path, content) -> assertThat(content).as(path)
				.startsWith("# Generated from gatehouse.yaml by ./gatehouse generate: do not edit"));
	}

	@Test
	void outdatedNamesAChangedGeneratedFile(@TempDir Path temp) throws IOException {
		Files.copy(ROOT.resolve(PlatformDescription.FILE), temp.resolve(PlatformDescription.FILE));
		PlatformFiles.write(temp);
		assertThat(PlatformFiles.outdated(temp)).isEmpty();
		Path rules = temp.resolve("customer-service/src/main/resources/gatehouse-generated.yaml");
		Files.writeString(rules, Files.readString(rules).replace("customer:write", "customer:read"));
		Files.delete(temp.resolve(".dockerignore"));
		assertThat(PlatformFiles.outdated(temp))
			.containsExactly("customer-service/src/main/resources/gatehouse-generated.yaml", ".dockerignore");
	}

}
