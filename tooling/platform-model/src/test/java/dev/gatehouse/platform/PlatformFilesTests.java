package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The committed generated files and generated sections of hand-written files (and the
 * generated parts of the realm files) are what gatehouse.yaml generates now: regenerated
 * into a temporary directory and compared file by file.
 */
class PlatformFilesTests {

	static final Path ROOT = Repository.ROOT;

	@Test
	void everyCommittedGeneratedFileIsUpToDate(@TempDir Path temp) throws IOException {
		copyDescriptionAndSectionedFiles(temp);
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
	void everyGeneratedFileAndSectionSaysSoAndHowToRegenerate() throws IOException {
		PlatformDescription description = PlatformDescription.load(ROOT.resolve(PlatformDescription.FILE));
		PlatformFiles.generate(description)
			.forEach((path, content) -> assertThat(content).as(path)
				.startsWith("# Generated from gatehouse.yaml by ./gatehouse generate: do not edit"));
		for (Map.Entry<String, Map<String, String>> file : PlatformFiles.sections(description).entrySet()) {
			List<String> lines = Files.readAllLines(ROOT.resolve(file.getKey())).stream().map(String::strip).toList();
			for (String section : file.getValue().keySet()) {
				assertThat(lines).as(file.getKey())
					.contains(
							"# >>> generated " + section
									+ " from gatehouse.yaml by ./gatehouse generate: do not edit down to <<<",
							"# <<< generated " + section);
			}
		}
	}

	/**
	 * JSON has no comments: a generated note beside the realm files names them and the
	 * parts of them that are generated.
	 */
	@Test
	void aGeneratedNoteBesideThePartlyGeneratedRealmFilesSaysWhatInThemIsGenerated() {
		String note = PlatformFiles.expected(ROOT).get(RealmRoles.NOTE);
		assertThat(note).startsWith("# Generated from gatehouse.yaml by ./gatehouse generate: do not edit")
			.contains("roles.realm", "scopeMappings", "users[].realmRoles",
					"customer:read (customer-service): agent, auditor, reporting-batch, policy-service");
		for (String path : PlatformFiles.PARTLY_GENERATED) {
			assertThat(Path.of(RealmRoles.NOTE).getParent()).isEqualTo(Path.of(path).getParent());
			assertThat(note).contains(Path.of(path).getFileName().toString());
		}
	}

	@Test
	void aHandEditToARealmFilesGeneratedPartIsOutdatedAndRegeneratingUndoesIt(@TempDir Path temp) throws IOException {
		copyDescriptionAndSectionedFiles(temp);
		PlatformFiles.write(temp);
		Path base = temp.resolve(RealmRoles.BASE);
		Files.writeString(base,
				Files.readString(base)
					.replace("\"policy:approve\"\n          ]",
							"\"policy:approve\",\n            \"customer:write\"\n          ]"));
		assertThat(PlatformFiles.outdated(temp)).containsExactly(RealmRoles.BASE);
		PlatformFiles.write(temp);
		assertThat(base).content().isEqualTo(Files.readString(ROOT.resolve(RealmRoles.BASE)));
	}

	@Test
	void outdatedNamesAChangedGeneratedFileOrSection(@TempDir Path temp) throws IOException {
		copyDescriptionAndSectionedFiles(temp);
		PlatformFiles.write(temp);
		assertThat(PlatformFiles.outdated(temp)).isEmpty();
		Path rules = temp.resolve("customer-service/src/main/resources/gatehouse-generated.yaml");
		Files.writeString(rules, Files.readString(rules).replace("customer:write", "customer:read"));
		Files.delete(temp.resolve(".dockerignore"));
		Path init = temp.resolve("deploy/postgres/init-databases.sh");
		Files.writeString(init, Files.readString(init).replace("create policies", "create claims"));
		assertThat(PlatformFiles.outdated(temp)).containsExactly(
				"customer-service/src/main/resources/gatehouse-generated.yaml", ".dockerignore",
				"deploy/postgres/init-databases.sh");
	}

	@Test
	void generatingRewritesOnlyTheSectionsOfAHandWrittenFile(@TempDir Path temp) throws IOException {
		copyDescriptionAndSectionedFiles(temp);
		Path compose = temp.resolve("docker-compose.yml");
		String edited = Files.readString(compose)
			.replace("  redis:\n", "  # a hand-written comment stays\n  redis:\n")
			.replace("      POLICY_DB_URL: jdbc:postgresql://postgres:5432/policies\n", "");
		Files.writeString(compose, edited);

		PlatformFiles.write(temp);

		assertThat(compose).content()
			.contains("  # a hand-written comment stays\n  redis:\n",
					"      POLICY_DB_URL: jdbc:postgresql://postgres:5432/policies\n");
	}

	@Test
	void aHandWrittenFileWithoutItsSectionMarkersIsNamed(@TempDir Path temp) throws IOException {
		copyDescriptionAndSectionedFiles(temp);
		Path kustomization = temp.resolve("k8s/base/kustomization.yaml");
		Files.writeString(kustomization,
				Files.readString(kustomization).replace("# <<< generated service-manifests", ""));
		assertThatExceptionOfType(PlatformDescriptionException.class).isThrownBy(() -> PlatformFiles.write(temp))
			.withMessageContaining("k8s/base/kustomization.yaml has no line '# <<< generated service-manifests'");
	}

	/** What generating reads besides gatehouse.yaml: the files it generates parts of. */
	private static void copyDescriptionAndSectionedFiles(Path temp) throws IOException {
		Files.copy(ROOT.resolve(PlatformDescription.FILE), temp.resolve(PlatformDescription.FILE));
		List<String> inputs = new ArrayList<>(
				PlatformFiles.sections(PlatformDescription.load(ROOT.resolve(PlatformDescription.FILE))).keySet());
		inputs.addAll(PlatformFiles.PARTLY_GENERATED);
		for (String path : inputs) {
			Files.createDirectories(temp.resolve(path).getParent());
			Files.copy(ROOT.resolve(path), temp.resolve(path));
		}
	}

}
