package dev.gatehouse.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * The services' parts of docker-compose.yml: each service's block (image built from its
 * module, the postgres and secure profiles, its database, the pki volume, what it waits
 * for, its healthcheck on the management port, the hardening of x-service), the gateway's
 * backends and dependencies (merged into its hand-written block), and the database
 * passwords the postgres container gives the init script.
 */
final class ComposeServices {

	static final String PATH = "docker-compose.yml";

	static final String ENV_EXAMPLE = ".env.example";

	private ComposeServices() {
	}

	static Map<String, String> sections(PlatformDescription description) {
		return Map.of("gateway-backends", gatewayBackends(description), "services", services(description),
				"database-passwords", databasePasswords(description), "service-client-secrets",
				clientSecrets(description, "      %1$s: ${%1$s:-%2$s}\n"));
	}

	/**
	 * .env.example's database passwords and service clients' secrets, with their dev-only
	 * defaults.
	 */
	static Map<String, String> envExample(PlatformDescription description) {
		StringBuilder text = new StringBuilder();
		for (Service service : description.serviceList()) {
			text.append(passwordVariable(service)).append('=').append(defaultPassword(service)).append('\n');
		}
		return Map.of("database-passwords", text.toString(), "service-client-secrets",
				clientSecrets(description, "%1$s=%2$s\n"));
	}

	/**
	 * A line per service client's secret variable (realm-apply sets the client's secret
	 * from it, the service presents it): its variable and dev-only default in the format.
	 */
	private static String clientSecrets(PlatformDescription description, String format) {
		StringBuilder text = new StringBuilder();
		for (Service service : description.serviceList()) {
			if (service.client() != null) {
				text.append(format.formatted(clientSecretVariable(service.client()),
						RealmRoles.demoSecret(service.client())));
			}
		}
		return text.toString();
	}

	static String passwordVariable(Service service) {
		return variablePrefix(service) + "_DB_PASSWORD";
	}

	static String defaultPassword(Service service) {
		return "dev-only-" + service.database() + "-db";
	}

	/** CUSTOMER for customer-service: its database variables' prefix. */
	static String variablePrefix(Service service) {
		return KubernetesService.prefix(service).toUpperCase(Locale.ROOT).replace('-', '_');
	}

	/** GATEHOUSE_BACKENDS_CUSTOMERSERVICE: gatehouse.backends.customer-service. */
	static String backendVariable(Service service) {
		return "GATEHOUSE_BACKENDS_" + compact(service);
	}

	/** GATEHOUSE_CUSTOMERSERVICE_URI: gatehouse.customer-service.uri of a caller. */
	static String uriVariable(Service service) {
		return "GATEHOUSE_" + compact(service) + "_URI";
	}

	static String clientSecretVariable(String client) {
		return client.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
	}

	/** The address the gateway and callers reach a service at: mutual TLS. */
	static String address(Service service) {
		return "https://" + service.name() + ":" + service.port();
	}

	/**
	 * Who may call the service over mutual TLS: the gateway and the services that call
	 * it.
	 */
	static String callersComment(PlatformDescription description, Service service) {
		List<String> callers = new ArrayList<>(List.of("the gateway's"));
		description.serviceList()
			.stream()
			.filter((other) -> other.calls().contains(service.name()))
			.forEach((other) -> callers.add(other.name() + "'s"));
		String from = String.join(" and ", callers) + ((callers.size() == 1) ? " certificate" : " certificates");
		String calls = service.calls().isEmpty() ? "" : "; its own to " + String.join(", ", service.calls());
		return "secure: mutual TLS only, from " + from + calls + ".";
	}

	private static String compact(Service service) {
		return service.name().toUpperCase(Locale.ROOT).replace("-", "");
	}

	private static String gatewayBackends(PlatformDescription description) {
		StringBuilder text = new StringBuilder();
		text.append(
				"# The services the gateway routes to and waits for, merged into its environment and depends_on.\n");
		text.append("x-gateway-backends: &gateway-backends\n");
		for (Service service : description.serviceList()) {
			text.append("  ").append(backendVariable(service)).append(": ").append(address(service)).append('\n');
		}
		text.append("x-gateway-backends-healthy: &gateway-backends-healthy\n");
		for (Service service : description.serviceList()) {
			text.append("  ").append(service.name()).append(":\n    condition: service_healthy\n");
		}
		return text.toString();
	}

	private static String services(PlatformDescription description) {
		return description.serviceList()
			.stream()
			.map((service) -> service(description, service))
			.collect(Collectors.joining("\n"));
	}

	private static String service(PlatformDescription description, Service service) {
		String prefix = variablePrefix(service);
		StringBuilder text = new StringBuilder();
		text.append("""
				  %1$s:
				    <<: *service
				    build:
				      context: .
				      dockerfile: deploy/docker/Dockerfile
				      args:
				        MODULE: %2$s
				    image: gatehouse/%1$s:dev
				    environment:
				      # %3$s
				      SPRING_PROFILES_ACTIVE: postgres,secure
				      # demo: the demo rows / API keys, Basic user and partner certificate.
				      SPRING_PROFILES_INCLUDE: ${GATEHOUSE_DEMO_PROFILE-demo}
				      LOGGING_STRUCTURED_FORMAT_CONSOLE: ecs
				      GATEHOUSE_TLS_DIRECTORY: /pki
				      SERVER_ADDRESS: 0.0.0.0
				      %4$s_DB_URL: jdbc:postgresql://postgres:5432/%5$s
				      %4$s_DB_USERNAME: %5$s
				      %6$s: ${%6$s:-%7$s}
				      GATEHOUSE_SECURITY_ISSUERURI: http://localhost:${GATEHOUSE_KEYCLOAK_PORT:-8180}/realms/gatehouse
				      GATEHOUSE_SECURITY_INTERNALISSUERURI: http://keycloak:8080/realms/gatehouse
				""".formatted(service.name(), service.module(), callersComment(description, service), prefix,
				service.database(), passwordVariable(service), defaultPassword(service)));
		for (String called : service.calls()) {
			Service other = description.services().get(called);
			text.append("      ").append(uriVariable(other)).append(": ").append(address(other)).append('\n');
		}
		if (service.client() != null) {
			String variable = clientSecretVariable(service.client());
			text.append("      %1$s: ${%1$s:-%2$s}\n".formatted(variable, RealmRoles.demoSecret(service.client())));
		}
		text.append("""
				    volumes:
				      - pki:/pki:ro
				    depends_on:
				      pki:
				        condition: service_completed_successfully
				      postgres:
				        condition: service_healthy
				      keycloak:
				        condition: service_healthy
				      realm-apply:
				        condition: service_completed_successfully
				""");
		for (String called : service.calls()) {
			text.append("      ").append(called).append(":\n        condition: service_healthy\n");
		}
		text.append(
				"""
						    healthcheck:
						      test: ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/%d && printf 'GET /actuator/health/readiness HTTP/1.0\\\\r\\\\n\\\\r\\\\n' >&3 && grep -q ' 200 ' <&3"]
						      <<: *health
						"""
					.formatted(service.managementPort()));
		return text.toString();
	}

	/** The postgres container's environment: every service's database password. */
	private static String databasePasswords(PlatformDescription description) {
		StringBuilder text = new StringBuilder();
		for (Service service : description.serviceList()) {
			String variable = passwordVariable(service);
			text.append("      ")
				.append(variable)
				.append(": ${")
				.append(variable)
				.append(":-")
				.append(defaultPassword(service))
				.append("}\n");
		}
		return text.toString();
	}

}
