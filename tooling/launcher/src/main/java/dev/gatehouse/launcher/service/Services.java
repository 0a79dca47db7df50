package dev.gatehouse.launcher.service;

import java.util.List;
import java.util.Map;

import dev.gatehouse.launcher.demo.DemoCredentials;

/** The services of the platform in start order; the gateway joins as one more entry. */
public final class Services {

	public static final ServiceDefinition CUSTOMER_SERVICE = new ServiceDefinition("customer-service",
			"customer-service", 8081, 9081, Map.of(), ports -> List.of(), Map.of());

	/** Calls customer-service with its own client credentials token. */
	public static final ServiceDefinition POLICY_SERVICE = new ServiceDefinition("policy-service", "policy-service",
			8082, 9082, Map.of(),
			ports -> List
				.of("--gatehouse.customer-service.uri=http://127.0.0.1:" + ports.port(CUSTOMER_SERVICE.name())),
			Map.of("POLICY_SERVICE_CLIENT_SECRET",
					DemoCredentials.secretVariables().get("POLICY_SERVICE_CLIENT_SECRET")));

	/**
	 * The only public entry point: HTTP, and TLS on a second listener for Basic and
	 * client certificates.
	 */
	public static final ServiceDefinition GATEWAY = new ServiceDefinition("gateway", "gateway", 8080, 9080,
			Map.of("gateway-tls", 8443),
			ports -> List.of(
					"--gatehouse.backends.customer-service=http://127.0.0.1:" + ports.port(CUSTOMER_SERVICE.name()),
					"--gatehouse.backends.policy-service=http://127.0.0.1:" + ports.port(POLICY_SERVICE.name()),
					"--gatehouse.tls.port=" + ports.port("gateway-tls")),
			Map.of("GATEHOUSE_GATEWAY_CLIENT_SECRET",
					DemoCredentials.secretVariables().get("GATEHOUSE_GATEWAY_CLIENT_SECRET")));

	private Services() {
	}

	public static List<ServiceDefinition> all() {
		return List.of(CUSTOMER_SERVICE, POLICY_SERVICE, GATEWAY);
	}

}
