package dev.gatehouse.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.launcher.cli.Cli;
import dev.gatehouse.platform.PlatformDescription;
import dev.gatehouse.test.Repository;

import static org.assertj.core.api.Assertions.assertThat;

class CliTests {

	@TempDir
	Path repo;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		PlatformConfig config = PlatformConfig.defaults(repo).withFreePorts();
		return new Cli(config, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8))
			.run(args);
	}

	@Test
	void statusListsEveryComponentAsNotRunning() {
		assertThat(run("status")).isZero();

		assertThat(out.toString(StandardCharsets.UTF_8)).contains("COMPONENT", "keycloak", "customer-service",
				"policy-service", "not running");
	}

	@Test
	void pkiMakesNewDevelopmentCertificatesEachTime() throws Exception {
		assertThat(run("pki")).isZero();
		Path pki = repo.resolve(".gatehouse/pki");
		assertThat(pki.resolve("ca.crt")).isRegularFile();
		assertThat(pki.resolve("partners/acme.p12")).isRegularFile();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("New development certificates in " + pki);
		byte[] first = Files.readAllBytes(pki.resolve("ca.crt"));

		assertThat(run("pki")).isZero();
		assertThat(Files.readAllBytes(pki.resolve("ca.crt"))).isNotEqualTo(first);
	}

	@Test
	void downWithNothingStartedSaysSo() {
		assertThat(run("down")).isZero();

		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Nothing to stop");
	}

	@Test
	void upWithoutARealmFileFailsInOneLine() {
		assertThat(run("up")).isEqualTo(1);

		assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("error: realm file not found: ")
			.doesNotContain("\n");
	}

	@Test
	void tokenForAnUnknownNameListsTheKnownOnes() {
		assertThat(run("token", "mallory")).isEqualTo(1);

		assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown user or client 'mallory'", "alice",
				"reporting-batch");
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void listsTheServiceModulesOfGatehouseYamlAndTheGatewaysForTheScriptToBuild() {
		PlatformDescription description = PlatformDescription.load(Repository.ROOT.resolve(PlatformDescription.FILE));
		List<String> modules = new ArrayList<>(
				description.serviceList().stream().map(PlatformDescription.Service::module).toList());
		modules.add(description.gateway().module());

		assertThat(run("service-modules")).isZero();

		assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(modules);
	}

	@Test
	void apiKeysPointAtTheScriptWhichRunsTheGatewaysGenerator() {
		assertThat(run("apikey", "new", "acme")).isEqualTo(1);

		assertThat(err.toString(StandardCharsets.UTF_8)).contains("./gatehouse apikey new <partner>");
	}

	@Test
	void renameSaysWhatIsMissingOrWrongBeforeTouchingAnything() {
		assertThat(run("rename", "--brand", "acme")).isEqualTo(2);
		assertThat(run("rename", "--group-id", "com.acme", "--brand", "acme", "--gateway-port", "eighty")).isEqualTo(2);
		assertThat(run("rename", "--group-id", "com.acme", "--brand", "Acme Corp")).isEqualTo(1);
		assertThat(run("rename", "--group-id", "com.acme", "--brand", "acme")).isEqualTo(1);

		assertThat(err.toString(StandardCharsets.UTF_8)).contains("rename needs --group-id and --brand",
				"--gateway-port takes a port number; got 'eighty'", "--brand must be lower-case letters",
				"rename needs the repository's git");
	}

	@Test
	void unknownCommandsAndArgumentsShowTheUsage() {
		assertThat(run("launch")).isEqualTo(2);
		assertThat(run("up", "--background")).isEqualTo(2);
		assertThat(run("up", "--no-demo", "--demo")).isEqualTo(2);
		assertThat(run("token")).isEqualTo(2);

		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ./gatehouse");
	}

	@Test
	void aGrantWithoutItsRolesShowsHowToWriteOne() {
		assertThat(run("new-service", "tickets-service", "--roles", "ticket:read", "--grant", "agent")).isEqualTo(2);
		assertThat(run("new-service", "tickets-service", "--roles", "ticket:read", "--grant", "=ticket:read"))
			.isEqualTo(2);

		assertThat(err.toString(StandardCharsets.UTF_8))
			.contains("--grant takes <persona|client>=<role>,..., e.g. --grant agent=claim:read; got agent")
			.contains("got =ticket:read");
	}

}
