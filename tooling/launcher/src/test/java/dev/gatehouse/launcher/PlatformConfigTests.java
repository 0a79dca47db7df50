package dev.gatehouse.launcher;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.launcher.keycloak.KeycloakOptions;
import dev.gatehouse.launcher.service.ServiceDefinition;
import dev.gatehouse.launcher.service.ServiceLaunch;
import dev.gatehouse.launcher.service.Services;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformConfigTests {

	private final Path root = Path.of("/repo");

	@Test
	void defaultsAreTheContractsPorts() {
		PlatformConfig config = PlatformConfig.defaults(root);

		assertThat(config.keycloakUrl()).isEqualTo("http://localhost:8180");
		assertThat(config.issuerUri()).isEqualTo("http://localhost:8180/realms/gatehouse");
		assertThat(config.ports()).containsEntry("customer-service", 8081)
			.containsEntry("customer-service-management", 9081)
			.containsEntry("policy-service", 8082)
			.containsEntry("policy-service-management", 9082);
		assertThat(config.keycloakManagementPort()).isNotEqualTo(9000);
		assertThat(config.stateDir()).isEqualTo(root.resolve(".gatehouse"));
		assertThat(config.realmDirectory()).isEqualTo(root.resolve("auth-server-config"));
		assertThat(config.demo()).isTrue();
	}

	@Test
	void freePortsReplaceEveryPortWithDistinctOnes() {
		PlatformConfig config = PlatformConfig.defaults(root).withFreePorts();

		assertThat(config.ports().keySet()).containsExactlyElementsOf(PlatformConfig.defaults(root).ports().keySet());
		assertThat(new HashSet<>(config.ports().values())).hasSize(config.ports().size())
			.doesNotContain(8180, 9180, 8081, 9081, 8082, 9082);
		assertThat(config.issuerUri()).isEqualTo("http://localhost:" + config.keycloakPort() + "/realms/gatehouse");
	}

	@Test
	void policyServiceIsStartedWithItsPortsIssuerAndCustomerServiceAddress() {
		PlatformConfig config = PlatformConfig.defaults(root).withFreePorts();

		ServiceLaunch launch = config.serviceLaunch(Services.POLICY_SERVICE);

		assertThat(launch.jar()).isEqualTo(root.resolve("policy-service/target/policy-service.jar"));
		assertThat(launch.arguments()).containsExactly("--server.port=" + config.port("policy-service"),
				"--server.address=127.0.0.1", "--management.server.port=" + config.port("policy-service-management"),
				"--management.server.address=127.0.0.1", "--gatehouse.security.issuer-uri=" + config.issuerUri(),
				"--gatehouse.customer-service.uri=http://127.0.0.1:" + config.port("customer-service"),
				"--spring.profiles.include=demo");
		assertThat(launch.healthUrl())
			.isEqualTo("http://127.0.0.1:" + config.port("policy-service-management") + "/actuator/health");
		assertThat(launch.definition().environment()).containsEntry("POLICY_SERVICE_CLIENT_SECRET",
				"policy-service-secret");
		assertThat(launch.arguments()).noneMatch(argument -> argument.contains("secret"));
	}

	@Test
	void withoutTheDemoProfileNoServiceGetsTheDemoData() {
		PlatformConfig config = PlatformConfig.defaults(root).withDemo(false);

		for (ServiceDefinition service : config.services()) {
			assertThat(config.serviceLaunch(service).arguments()).as(service.name())
				.noneMatch(argument -> argument.contains("demo"));
		}
		assertThat(config.keycloakOptions().demo()).isFalse();
	}

	@Test
	void extraPropertiesGoLastOnTheChosenServicesCommandLine() {
		PlatformConfig config = PlatformConfig.defaults(root)
			.withServiceProperty("customer-service", "gatehouse.security.jwk-cache-ttl", "2s")
			.withPropertyForAllServices("logging.level.root", "WARN");

		assertThat(config.serviceLaunch(Services.CUSTOMER_SERVICE).arguments())
			.endsWith("--gatehouse.security.jwk-cache-ttl=2s", "--logging.level.root=WARN");
		assertThat(config.serviceLaunch(Services.POLICY_SERVICE).arguments()).endsWith("--logging.level.root=WARN")
			.noneMatch(argument -> argument.contains("jwk-cache-ttl"));
	}

	@Test
	void anotherServiceIsOneMoreDefinitionWithItsOwnPorts() {
		ServiceDefinition gateway = new ServiceDefinition("gateway", "gateway", 8080, 9080, Map.of("gateway-tls", 8443),
				ports -> List.of("--server.ssl.port=" + ports.port("gateway-tls")), Map.of());

		PlatformConfig config = PlatformConfig.defaults(root).withServices(List.of(gateway));

		assertThat(config.services()).containsExactly(gateway);
		assertThat(config.serviceLaunch(gateway).arguments()).contains("--server.port=8080", "--server.ssl.port=8443");
	}

	@Test
	void keycloakOptionsCarryThePinnedVersionAndTheStateFolder() {
		PlatformConfig config = PlatformConfig.defaults(root).withStateDir(Path.of("/tmp/gh-state"));

		KeycloakOptions options = config.keycloakOptions();

		assertThat(options.version()).matches("\\d+\\.\\d+\\.\\d+");
		assertThat(options.port()).isEqualTo(8180);
		assertThat(options.runDirectory().logFile("keycloak")).isEqualTo(Path.of("/tmp/gh-state/logs/keycloak.log"));
	}

	@Test
	void gatewayUsesTheRedisStoreExactlyWhenARedisServerIsOnThePath() {
		PlatformConfig config = PlatformConfig.defaults(root).withFreePorts();

		List<String> arguments = config.serviceLaunch(Services.GATEWAY).arguments();

		assertThat(PlatformConfig.defaults(root).port(PlatformConfig.REDIS)).isEqualTo(6379);
		if (config.redisServer().isPresent()) {
			assertThat(arguments).contains("--gatehouse.gateway.rate-limits.store=redis",
					"--spring.data.redis.port=" + config.port(PlatformConfig.REDIS));
		}
		else {
			assertThat(arguments).noneMatch(argument -> argument.contains("redis"));
		}
	}

}
