package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client certificates a service admits in the secure profile, generated into its
 * gatehouse-generated.yaml from gatehouse.yaml: the gateway's and its callers', nothing
 * else, and only with the secure profile.
 */
class AllowedClientSubjectsTests {

	/** billing-service calls claims-service; audit-service calls nothing. */
	private static final String SERVICES = """
			  billing-service:
			    module: billing-service
			    port: 8084
			    management-port: 9084
			    database: billing
			    certificate: { subject: "CN=billing-service, O=Example", usage: server-and-client }
			    calls: [claims-service]
			    client: billing-service
			  audit-service:
			    module: audit-service
			    port: 8085
			    management-port: 9085
			    database: audit
			    certificate: { subject: "CN=audit-service, O=Example", usage: server }
			rate-limit-tiers:
			""";

	@Test
	void aCalledServiceAdmitsTheGatewayAndItsCallerAndNothingElseInTheSecureProfile(@TempDir Path temp)
			throws IOException {
		Map<String, String> files = PlatformFiles.generate(load(temp, withServices(SERVICES)));

		List<JsonNode> claims = documents(files.get("claims-service/src/main/resources/gatehouse-generated.yaml"));
		assertThat(claims).hasSize(2);
		assertThat(claims.get(0).at("/gatehouse/security/allowed-client-subjects").isMissingNode()).isTrue();
		assertThat(claims.get(1).at("/spring/config/activate/on-profile").asString()).isEqualTo("secure");
		assertThat(subjects(claims.get(1))).containsExactly("CN=gateway, O=Example", "CN=billing-service, O=Example");
		assertThat(subjects(documents(files.get("billing-service/src/main/resources/gatehouse-generated.yaml")).get(1)))
			.containsExactly("CN=gateway, O=Example");
		assertThat(subjects(documents(files.get("audit-service/src/main/resources/gatehouse-generated.yaml")).get(1)))
			.containsExactly("CN=gateway, O=Example");
	}

	@Test
	void aServiceNoLongerCalledNoLongerAdmitsTheFormerCaller(@TempDir Path temp) throws IOException {
		String withoutCalls = SERVICES.replace("    calls: [claims-service]\n    client: billing-service\n", "");
		Map<String, String> files = PlatformFiles.generate(load(temp, withServices(withoutCalls)));

		assertThat(subjects(documents(files.get("claims-service/src/main/resources/gatehouse-generated.yaml")).get(1)))
			.containsExactly("CN=gateway, O=Example");
	}

	@Test
	void aCallerWhoseCertificateIsNotAClientCertificateIsRefused(@TempDir Path temp) {
		String serverOnly = SERVICES.replace("usage: server-and-client", "usage: server");
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> load(temp, withServices(serverOnly)))
			.withMessageContaining("services.billing-service.certificate.usage: calls other services")
			.withMessageContaining("usage must be server-and-client");
	}

	private static String withServices(String services) {
		return PlatformDescriptionTests.DESCRIPTION.replace("rate-limit-tiers:\n", services);
	}

	private static List<JsonNode> documents(String yaml) {
		try (MappingIterator<JsonNode> documents = YAMLMapper.builder()
			.build()
			.readerFor(JsonNode.class)
			.readValues(yaml)) {
			return documents.readAll();
		}
	}

	private static List<String> subjects(JsonNode document) {
		return document.at("/gatehouse/security/allowed-client-subjects")
			.valueStream()
			.map(JsonNode::asString)
			.toList();
	}

	private static PlatformDescription load(Path temp, String yaml) throws IOException {
		Path file = temp.resolve(PlatformDescription.FILE);
		Files.writeString(file, yaml);
		return PlatformDescription.load(file);
	}

}
