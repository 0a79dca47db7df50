package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * rename on a small tree with the template's names in every place they occur (a git
 * repository made from the fixture in src/test/resources/rename/before, which the rename
 * of this repository leaves alone). The CI stage template renames a copy of this
 * repository, adds a service to it and runs all its tests.
 */
class RenamingTests {

	static final Path FIXTURE = Repository.ROOT.resolve("tooling/platform-model/src/test/resources/rename/before");

	/**
	 * The template's folders and files, from the names the rename replaces: spelled out
	 * here, they would be renamed with the rest when this repository is.
	 */
	static final String THING = "things-service/src/main/java/" + Renaming.PACKAGE.replace('.', '/')
			+ "/demo/Thing.java";

	static final String REALM_FILE = "realm/realm-" + Renaming.REALM + ".json";

	static final Renaming.Target ACME = new Renaming.Target("com.acme", "com.acme.api", "acme", "acme",
			Map.of("gateway.port", 9090, "things-service.management-port", 9191));

	@TempDir
	Path tree;

	@BeforeEach
	void fixtureInGit() throws Exception {
		try (Stream<Path> files = Files.walk(FIXTURE)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Path target = this.tree.resolve(FIXTURE.relativize(file).toString());
				Files.createDirectories(target.getParent());
				Files.copy(file, target);
			}
		}
		git("init", "-q");
		git("add", "-A");
		git("-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-qm", "fixture");
	}

	@Test
	void javaPackagesMoveWithTheirPackageImportAndServiceLoaderLines() throws IOException {
		List<String> report = new Renaming(this.tree).rename(ACME);

		Path thing = this.tree.resolve("things-service/src/main/java/com/acme/api/demo/Thing.java");
		assertThat(thing).content()
			.startsWith("package com.acme.api.demo;\n\nimport com.acme.api.security.Problems;\n")
			.contains("\"X-Acme-Partner\"", "urn:acme:problem:not-found");
		assertThat(this.tree.resolve("things-service/src/main/java/com/acme/api/demo/package-info.java")).content()
			.contains("package com.acme.api.demo;");
		assertThat(this.tree
			.resolve("things-service/src/main/java/" + Renaming.PACKAGE.substring(0, Renaming.PACKAGE.indexOf('.'))))
			.doesNotExist();
		assertThat(this.tree.resolve(
				"things-service/src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
			.content()
			.isEqualTo("com.acme.api.demo.ThingAutoConfiguration\n");
		assertThat(this.tree.resolve("things-service/src/main/resources/application.yaml")).content()
			.contains("com.acme.api: info");
		assertThat(report)
			.contains("moved " + THING + " -> things-service/src/main/java/com/acme/api/demo/Thing.java (changed)");
	}

	/**
	 * The service template new-service copies: renamed, not formatted (the formatter took
	 * {@code class ${Entity}} apart, so a renamed tree's new service did not compile).
	 */
	@Test
	void theServiceTemplatesJavaTakesTheNewPackageAndKeepsItsPlaceholders() throws IOException {
		new Renaming(this.tree).rename(ACME);

		assertThat(this.tree.resolve("things-service/src/main/resources/service-template/src/main/java/${Entity}.java"))
			.content()
			.isEqualTo("package com.acme.api.${package};\n\nimport com.acme.api.security.Problems;\n\n"
					+ "/** A ${entity}: new-service fills the names in. */\nclass ${Entity} {\n\n\tProblems problems;\n\n}\n");
	}

	@Test
	void theGroupIdChangesWhereMavenNamesItAndTheParentsStays() throws IOException {
		new Renaming(this.tree).rename(ACME);

		assertThat(this.tree.resolve("pom.xml")).content()
			.contains("<groupId>org.springframework.boot</groupId>", "<groupId>com.acme</groupId>");
		assertThat(this.tree.resolve("things-service/pom.xml")).content().contains("<groupId>com.acme</groupId>");
		assertThat(this.tree.resolve("README.md")).content().contains("`com.acme:gatehouse-things-service`");
	}

	@Test
	void theRealmFileIssuerUrlsAndLinksTakeTheNewRealm() throws IOException {
		new Renaming(this.tree).rename(ACME);

		assertThat(this.tree.resolve("realm/realm-acme.json")).content()
			.contains("\"realm\": \"acme\"", "\"clientId\": \"gatehouse-web\"");
		assertThat(this.tree.resolve(REALM_FILE)).doesNotExist();
		assertThat(this.tree.resolve("things-service/src/main/resources/application.yaml")).content()
			.contains("http://127.0.0.1:8180/realms/acme\n");
		assertThat(this.tree.resolve("README.md")).content()
			.startsWith("# Gatehouse\n")
			.contains("[the realm](realm/realm-acme.json)", "`/realms/acme`");
	}

	@Test
	void theBrandIsDeclaredOnceAndGeneratedAndDemoKeysKeepWorkingUnderItsPrefix() throws IOException {
		new Renaming(this.tree).rename(ACME);

		assertThat(this.tree.resolve("gatehouse.yaml")).content()
			.contains("problem-type-prefix: \"urn:acme:problem:\"\n", "header-prefix: X-Acme-\n",
					"api-key-prefix: acme_\n");
		assertThat(this.tree.resolve("things-service/src/main/resources/gatehouse-generated.yaml")).content()
			.contains("header-prefix: X-Acme-", "api-key-prefix: acme_");
		String tests = Files
			.readString(this.tree.resolve("things-service/src/test/java/com/acme/api/demo/ThingTests.java"));
		assertThat(tests).contains("\"acme_test_acme_0123456789abcdef\"", "\"urn:acme:problem:not-found\"",
				"\"x-acme-anything\"");
		assertThat(this.tree.resolve("things-service/src/main/resources/application-demo.yaml")).content()
			.contains("sha256: " + sha256("acme_test_acme_0123456789abcdef"));
	}

	@Test
	void portsChangeInTheDescriptionAndTheGeneratedFiles() throws IOException {
		new Renaming(this.tree).rename(ACME);

		assertThat(this.tree.resolve("gatehouse.yaml")).content()
			.contains("  port: 9090\n  management-port: 9080\n  tls-port: 8443\n",
					"    port: 8081\n    management-port: 9191\n");
		assertThat(this.tree.resolve("gateway/src/main/resources/gatehouse-generated.yaml")).content()
			.contains("port: 9090");
		assertThat(this.tree.resolve("things-service/src/main/resources/gatehouse-generated.yaml")).content()
			.contains("port: 9191");
	}

	@Test
	void nothingOfTheTemplatesNamesIsLeftButItsProse() throws IOException {
		new Renaming(this.tree).rename(ACME);

		try (Stream<Path> files = Files.walk(this.tree)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((file) -> !this.tree.relativize(file).startsWith(".git"))
				.toList()) {
				assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
					.doesNotContain(Renaming.PACKAGE, Renaming.PROBLEM_TYPE_PREFIX, Renaming.HEADER_PREFIX,
							Renaming.API_KEY_PREFIX, "realms/" + Renaming.REALM);
			}
		}
	}

	@Test
	void aTreeWithUncommittedChangesIsRefusedAndLeftAsItWas() throws IOException {
		Files.writeString(this.tree.resolve("README.md"), "# Gatehouse, edited\n");

		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new Renaming(this.tree).rename(ACME))
			.withMessageContaining("clean tree")
			.withMessageContaining("README.md");
		assertThat(this.tree.resolve(THING)).exists();
	}

	@Test
	void aSecondRenameIsRefused() throws Exception {
		new Renaming(this.tree).rename(ACME);
		git("add", "-A");
		git("-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-qm", "renamed");

		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new Renaming(this.tree).rename(ACME))
			.withMessageContaining("renamed already (group id com.acme)");
	}

	@Test
	void namesThatWouldBreakTheBuildAreRefusedWithTheOption() {
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new Renaming.Target("Com.Acme", "com.acme", "acme", "acme", Map.of()))
			.withMessageContaining("--group-id");
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new Renaming.Target("com.acme", "com.acme", "acme", "acme-corp", Map.of()))
			.withMessageContaining("--brand");
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new Renaming.Target("com.acme", "com.acme", "acme", "acme", Map.of("gateway.port", 0)))
			.withMessageContaining("gateway.port");
	}

	@Test
	void anUnknownPortIsRefused() {
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> new Renaming(this.tree)
				.rename(new Renaming.Target("com.acme", "com.acme", "acme", "acme", Map.of("nope.port", 1234))))
			.withMessageContaining("no port [nope.port]");
	}

	private void git(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("git", "-C", this.tree.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).inheritIO().start();
		assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
	}

	private static String sha256(String key) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
