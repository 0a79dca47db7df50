package dev.gatehouse.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the generator derives from a description, and the mistakes it refuses with the
 * entry they are about.
 */
class PlatformDescriptionTests {

	static final String DESCRIPTION = """
			brand: { problem-type-prefix: "urn:example:problem:", header-prefix: X-Example-, api-key-prefix: exk_ }
			gateway:
			  module: gateway
			  port: 8080
			  management-port: 9080
			  tls-port: 8443
			  client-certificate: { subject: "CN=gateway, O=Example" }
			services:
			  claims-service:
			    module: claims-service
			    port: 8083
			    management-port: 9083
			    database: claims
			    certificate: { subject: "CN=claims-service", usage: server }
			rate-limit-tiers:
			  standard: { replenish-rate: 20, burst-capacity: 40 }
			authorization:
			  routes:
			    - id: claims
			      paths: [/api/claims, /api/claims/**]
			      credentials: [user-token]
			      service: claims-service
			      rate-limit: standard
			  services:
			    claims-service:
			      endpoints:
			        - { method: GET, path: "/api/claims/{id}", any-authority: [claim:read] }
			        - { method: GET, path: /api/claims/mine, any-authority: [claim:read, customer] }
			        - { method: POST, path: /api/claims, any-authority: [claim:write] }
			""";

	@Test
	void rolesOfEachEndpointBecomeTheServicesAndTheGatewaysRulesLiteralPathsFirst(@TempDir Path temp)
			throws IOException {
		PlatformDescription description = load(temp, DESCRIPTION);
		List<Map<String, Object>> service = RoleRules.forService(description, "claims-service");
		assertThat(service).extracting((rule) -> rule.get("pattern"))
			.containsExactly("/api/claims/mine", "/api/claims", "/api/claims/*");
		assertThat(service.get(2)).containsEntry("methods", List.of("GET"))
			.containsEntry("any-authority", List.of("claim:read"));
		assertThat(RoleRules.forGateway(description)).isEqualTo(service);
	}

	@Test
	void theGatewayRoutesAndLimitsEveryRouteAndTheServiceGetsItsPorts(@TempDir Path temp) throws IOException {
		Map<String, String> files = PlatformFiles.generate(load(temp, DESCRIPTION));
		assertThat(files).containsOnlyKeys("gateway/src/main/resources/gatehouse-generated.yaml",
				"claims-service/src/main/resources/gatehouse-generated.yaml", "k8s/base/claims-service.yaml",
				".dockerignore", LauncherServices.PATH, PkiServices.PATH, ProductionSecrets.PATH);
		assertThat(files.get("gateway/src/main/resources/gatehouse-generated.yaml")).contains(
				"uri: \"${gatehouse.backends.claims-service}\"", "claims-service: http://127.0.0.1:8083",
				"rate-limits:\n      routes:\n        claims:\n          replenish-rate: 20");
		assertThat(files.get("claims-service/src/main/resources/gatehouse-generated.yaml"))
			.contains("name: claims-service", "port: 8083", "port: 9083");
		assertThat(files.get(".dockerignore")).contains("!claims-service/target/claims-service.jar\n");
		assertThat(files.get("k8s/base/claims-service.yaml")).contains("containerPort: 8083",
				"secretName: claims-service-tls", "name: CLAIMS_DB_PASSWORD");
		assertThat(files.get(LauncherServices.PATH)).contains("services=claims-service\n", "claims-service.port=8083\n",
				"gateway.backends=claims-service\n");
		assertThat(files.get(PkiServices.PATH)).contains("gateway.client-subject=CN=gateway, O=Example\n",
				"claims-service.subject=CN=claims-service\n", "claims-service.usage=server\n");
	}

	@Test
	void theServiceGetsItsComposeBlockDatabaseSecretsAndEveryNetworkPolicyNamingIt(@TempDir Path temp)
			throws IOException {
		PlatformDescription description = load(temp, DESCRIPTION);
		Map<String, Map<String, String>> sections = PlatformFiles.sections(description);
		assertThat(sections.get("docker-compose.yml").get("services")).contains("  claims-service:\n",
				"        MODULE: claims-service\n", "      CLAIMS_DB_URL: jdbc:postgresql://postgres:5432/claims\n",
				"      CLAIMS_DB_PASSWORD: ${CLAIMS_DB_PASSWORD:-dev-only-claims-db}\n", "/dev/tcp/127.0.0.1/9083");
		assertThat(sections.get("docker-compose.yml").get("gateway-backends"))
			.contains("  GATEHOUSE_BACKENDS_CLAIMSSERVICE: https://claims-service:8083\n");
		assertThat(sections.get("docker-compose.yml").get("database-passwords"))
			.isEqualTo("      CLAIMS_DB_PASSWORD: ${CLAIMS_DB_PASSWORD:-dev-only-claims-db}\n");
		assertThat(sections.get("deploy/postgres/init-databases.sh"))
			.containsEntry("database-passwords", ": \"${CLAIMS_DB_PASSWORD:?CLAIMS_DB_PASSWORD is not set}\"\n")
			.containsEntry("databases", "create claims \"$CLAIMS_DB_PASSWORD\" claims\n");
		assertThat(sections.get("k8s/base/postgres.yaml").get("database-passwords"))
			.contains("- name: CLAIMS_DB_PASSWORD\n", "name: gatehouse-claims-db\n");
		assertThat(sections.get("k8s/base/kustomization.yaml")).containsEntry("service-manifests",
				"  - claims-service.yaml\n");
		Map<String, String> files = PlatformFiles.generate(description);
		assertThat(files.get("k8s/base/claims-service.yaml")).contains("kind: ConfigMap",
				"  CLAIMS_DB_URL: jdbc:postgresql://postgres:5432/claims\n", "  name: claims-service\n",
				"  name: gateway-to-claims-service\n", "  name: keycloak-from-claims-service\n",
				"  name: postgres-from-claims-service\n");
		assertThat(files.get(ProductionSecrets.PATH)).contains("  name: claims-service-tls\n",
				"  name: gatehouse-claims-db\n");
	}

	@Test
	void aServiceWhoseNameDoesNotEndInServiceIsRefused(@TempDir Path temp) {
		assertRefused(temp, DESCRIPTION.replace("  claims-service:\n    module", "  claims:\n    module"))
			.withMessageContaining("services.claims: a service's name ends in -service");
	}

	@Test
	void theBrandGoesToTheGatewayAndEveryService(@TempDir Path temp) throws IOException {
		Map<String, String> files = PlatformFiles.generate(load(temp, DESCRIPTION));
		String brand = "brand:\n    problem-type-prefix: \"urn:example:problem:\"\n    header-prefix: X-Example-\n"
				+ "    api-key-prefix: exk_\n";
		assertThat(files.get("gateway/src/main/resources/gatehouse-generated.yaml")).contains(brand);
		assertThat(files.get("claims-service/src/main/resources/gatehouse-generated.yaml")).contains(brand);
	}

	@Test
	void aDescriptionWithoutABrandIsRefused(@TempDir Path temp) {
		assertRefused(temp, DESCRIPTION.substring(DESCRIPTION.indexOf("gateway:")))
			.withMessage("gatehouse.yaml: brand is missing");
	}

	@Test
	void aRouteWithoutARateLimitTierIsRefused(@TempDir Path temp) {
		assertRefused(temp, DESCRIPTION.replace("      rate-limit: standard\n", ""))
			.withMessage("gatehouse.yaml: authorization.routes.claims.rate-limit is missing");
	}

	@Test
	void aRouteToAnUndeclaredServiceIsRefused(@TempDir Path temp) {
		assertRefused(temp, DESCRIPTION.replace("service: claims-service", "service: claim-service"))
			.withMessageContaining("authorization.routes.claims.service: no service claim-service");
	}

	@Test
	void aServiceCallingOneNotStartedBeforeItIsRefused(@TempDir Path temp) {
		assertRefused(temp,
				DESCRIPTION.replace("    database: claims\n", "    database: claims\n    calls: [policy-service]\n"))
			.withMessageContaining("services.claims-service.calls: policy-service is not a service declared before it");
	}

	static final String REALM = """
			realm:
			  personas:
			    clerk: Claims clerk
			  permissions:
			    claims-service:
			      claim:read: { description: Read claims, personas: [clerk], clients: [claims-batch] }
			  users:
			    carl: [clerk]
			""";

	static final String BASE_REALM = """
			{"realm": "test", "defaultRole": {"name": "default-roles-test"},
			 "roles": {"realm": [{"name": "old:role"}, {"name": "default-roles-test"}, {"name": "offline_access"}]},
			 "clients": [{"clientId": "web", "standardFlowEnabled": true, "fullScopeAllowed": false}],
			 "users": [{"username": "service-account-claims-batch", "serviceAccountClientId": "claims-batch",
			            "realmRoles": []}]}
			""";

	@Test
	void theRealmsRolesScopeMappingsAndHoldersComeFromTheDescriptionAndTheRestOfTheFilesStays(@TempDir Path temp)
			throws IOException {
		writeRealmFiles(temp, """
				{"realm": "test", "users": [{"username": "carl", "credentials": [], "realmRoles": ["old:role"]}]}
				""");
		Map<String, String> files = RealmRoles.generate(load(temp, DESCRIPTION + REALM), temp);

		assertThat(files.get(RealmRoles.BASE)).isEqualTo("""
				{
				  "realm": "test",
				  "defaultRole": {
				    "name": "default-roles-test"
				  },
				  "roles": {
				    "realm": [
				      {
				        "name": "claim:read",
				        "description": "Read claims",
				        "composite": false
				      },
				      {
				        "name": "clerk",
				        "description": "Claims clerk",
				        "composite": true,
				        "composites": {
				          "realm": [
				            "claim:read"
				          ]
				        }
				      },
				      {
				        "name": "default-roles-test"
				      },
				      {
				        "name": "offline_access"
				      }
				    ]
				  },
				  "clients": [
				    {
				      "clientId": "web",
				      "standardFlowEnabled": true,
				      "fullScopeAllowed": false
				    }
				  ],
				  "users": [
				    {
				      "username": "service-account-claims-batch",
				      "serviceAccountClientId": "claims-batch",
				      "realmRoles": [
				        "claim:read"
				      ]
				    }
				  ],
				  "scopeMappings": [
				    {
				      "client": "web",
				      "roles": [
				        "claim:read",
				        "clerk"
				      ]
				    },
				    {
				      "client": "claims-batch",
				      "roles": [
				        "claim:read"
				      ]
				    }
				  ]
				}
				""");
		assertThat(files.get(RealmRoles.DEMO)).contains("\"username\": \"carl\",\n      \"credentials\": [],\n"
				+ "      \"realmRoles\": [\n        \"clerk\"\n      ]");
		assertThat(files.get(RealmRoles.NOTE)).contains("claim:read (claims-service): clerk, claims-batch\n");
	}

	@Test
	void aGrantToAClientWithoutAServiceAccountOrAUserMissingFromTheRealmFilesIsRefused(@TempDir Path temp)
			throws IOException {
		writeRealmFiles(temp, "{\"realm\": \"test\", \"users\": []}");
		PlatformDescription unknownClient = load(temp,
				DESCRIPTION + REALM.replace("clients: [claims-batch]", "clients: [billing]"));
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> RealmRoles.generate(unknownClient, temp))
			.withMessageContaining(
					"realm.permissions.claims-service.claim:read.clients: billing has no service account");
		PlatformDescription missingUser = load(temp, DESCRIPTION + REALM);
		assertThatExceptionOfType(PlatformDescriptionException.class)
			.isThrownBy(() -> RealmRoles.generate(missingUser, temp))
			.withMessageContaining("not in auth-server-config/realm-gatehouse-demo.json: [carl]");
	}

	@Test
	void aPermissionGivenToAPersonaTheRealmDoesNotDeclareIsRefused(@TempDir Path temp) {
		assertRefused(temp, DESCRIPTION + REALM.replace("personas: [clerk]", "personas: [agent]"))
			.withMessageContaining("realm.permissions.claims-service.claim:read.personas: agent is not a persona");
	}

	/** Loading this broken description is refused: the refusal, for its message. */
	private static ThrowableAssertAlternative<PlatformDescriptionException> assertRefused(Path temp,
			String description) {
		return assertThatExceptionOfType(PlatformDescriptionException.class).isThrownBy(() -> load(temp, description));
	}

	/**
	 * The realm files beside the description: {@link #BASE_REALM} and this demo realm.
	 */
	private static void writeRealmFiles(Path temp, String demoRealm) throws IOException {
		Files.createDirectories(temp.resolve("auth-server-config"));
		Files.writeString(temp.resolve(RealmRoles.BASE), BASE_REALM);
		Files.writeString(temp.resolve(RealmRoles.DEMO), demoRealm);
	}

	private static PlatformDescription load(Path temp, String yaml) throws IOException {
		Path file = temp.resolve(PlatformDescription.FILE);
		Files.writeString(file, yaml);
		return PlatformDescription.load(file);
	}

}
