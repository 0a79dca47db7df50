package dev.gatehouse.launcher.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.gatehouse.launcher.demo.DemoCredentials;

/**
 * The services of the platform in start order; the gateway joins as one more entry. Read
 * from services.properties beside this class, which ./gatehouse generate writes from
 * gatehouse.yaml.
 */
public final class Services {

	private static final Properties LIST = load();

	private static final List<ServiceDefinition> ALL = definitions();

	public static final ServiceDefinition CUSTOMER_SERVICE = named("customer-service");

	/** Calls customer-service with its own client credentials token. */
	public static final ServiceDefinition POLICY_SERVICE = named("policy-service");

	/**
	 * The only public entry point: HTTP, and TLS on a second listener for Basic and
	 * client certificates.
	 */
	public static final ServiceDefinition GATEWAY = named("gateway");

	private Services() {
	}

	public static List<ServiceDefinition> all() {
		return ALL;
	}

	private static List<ServiceDefinition> definitions() {
		List<ServiceDefinition> all = new ArrayList<>();
		names("services").forEach((name) -> all.add(service(name)));
		all.add(gateway());
		return List.copyOf(all);
	}

	private static ServiceDefinition named(String name) {
		return ALL.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("services.properties has no " + name));
	}

	/**
	 * A service: each service it calls at its local address
	 * ({@code --gatehouse.<called>.uri}), its client's secret from the environment.
	 */
	private static ServiceDefinition service(String name) {
		List<String> calls = names(name + ".calls");
		String client = LIST.getProperty(name + ".client");
		Map<String, String> environment = new LinkedHashMap<>();
		if (client != null) {
			String variable = client.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
			// The demo realm's dev secret, generated with the client from gatehouse.yaml.
			String secret = DemoCredentials.secretVariables().get(variable);
			if (secret != null) {
				environment.put(variable, secret);
			}
		}
		return new ServiceDefinition(name, required(name + ".module"), number(name + ".port"),
				number(name + ".management-port"), Map.of(),
				ports -> calls.stream()
					.map((called) -> "--gatehouse." + called + ".uri=http://127.0.0.1:" + ports.port(called))
					.toList(),
				environment);
	}

	private static ServiceDefinition gateway() {
		List<String> backends = names("gateway.backends");
		return new ServiceDefinition("gateway", required("gateway.module"), number("gateway.port"),
				number("gateway.management-port"), Map.of("gateway-tls", number("gateway.tls-port")), ports -> {
					List<String> arguments = new ArrayList<>();
					backends.forEach((backend) -> arguments
						.add("--gatehouse.backends." + backend + "=http://127.0.0.1:" + ports.port(backend)));
					arguments.add("--gatehouse.tls.port=" + ports.port("gateway-tls"));
					return arguments;
				},
				Map.of("GATEHOUSE_GATEWAY_CLIENT_SECRET",
						DemoCredentials.secretVariables().get("GATEHOUSE_GATEWAY_CLIENT_SECRET"),
						"GATEHOUSE_PORTAL_CLIENT_SECRET",
						DemoCredentials.secretVariables().get("GATEHOUSE_PORTAL_CLIENT_SECRET")));
	}

	private static List<String> names(String key) {
		String value = LIST.getProperty(key, "");
		return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
	}

	private static String required(String key) {
		String value = LIST.getProperty(key);
		if (value == null) {
			throw new IllegalStateException("services.properties has no " + key + ": run ./gatehouse generate");
		}
		return value;
	}

	private static int number(String key) {
		return Integer.parseInt(required(key));
	}

	private static Properties load() {
		Properties properties = new Properties();
		try (InputStream in = Services.class.getResourceAsStream("services.properties")) {
			if (in == null) {
				throw new IllegalStateException("services.properties is missing: run ./gatehouse generate");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read services.properties", ex);
		}
		return properties;
	}

}
