package dev.gatehouse.launcher.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import dev.gatehouse.launcher.Platform;
import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.launcher.service.ServiceProcess;

/**
 * What a person needs once the platform is up: where things are, who to log in as, and a
 * first request.
 */
final class Banner {

	private static final String FORMAT = "  %-18s %s%n";

	private Banner() {
	}

	static void print(Platform platform, PrintStream out) {
		Path root = platform.config().repoRoot();
		out.println();
		out.println("Gatehouse is up.");
		out.println();
		out.printf(FORMAT, "Keycloak", platform.keycloakUrl() + "  (admin console " + platform.keycloakUrl()
				+ "/admin; dev admin login in DemoCredentials)");
		out.printf(FORMAT, "issuer", platform.issuerUri());
		for (ServiceProcess service : platform.services()) {
			out.printf(FORMAT, service.name(), service.url() + "  (health " + service.healthUrl() + ")");
		}
		platform.service("gateway")
			.ifPresent(gateway -> out.printf(FORMAT, "gateway (TLS)", "https://localhost:"
					+ platform.config().port("gateway-tls")
					+ "  (certificates in .gatehouse/pki/; Basic on /internal/**, client certificates on /partner/mtls/**)"));
		platform.service("gateway")
			.ifPresent(gateway -> out.printf(FORMAT, "portal",
					platform.config().portalUrl() + "  (sign in as a demo user; also https://localhost:"
							+ platform.config().port("gateway-tls") + "/portal/)"));
		platform.skippedServices().forEach(service -> out.printf(FORMAT, service.name(), "not built, skipped"));
		out.println();
		if (platform.config().demo()) {
			out.println("Demo users (sign in with password <username>-pass; dev only):");
			DemoCredentials.USERS.forEach(user -> out.printf(FORMAT, user.username(), user.persona()));
		}
		else {
			out.println("Without the demo profile: no users, API keys, Basic user, partner certificate or rows.");
		}
		out.println("Confidential clients (client credentials): "
				+ String.join(", ", DemoCredentials.confidentialClients()));
		out.println();
		// Through the gateway when it runs: it is the entry point; the services answer
		// directly too.
		platform.service("gateway")
			.or(() -> platform.services().stream().findFirst())
			.filter(service -> platform.config().demo())
			.ifPresent(service -> {
				out.println("Try:");
				out.println("  curl -H \"Authorization: Bearer $(./gatehouse token bob)\" " + service.url()
						+ exampleApi(service));
				if (service.name().equals("gateway")) {
					out.println(
							"  curl --cacert .gatehouse/pki/ca.crt --cert .gatehouse/pki/partners/acme.crt --key .gatehouse/pki/partners/acme.key https://localhost:"
									+ platform.config().port("gateway-tls") + "/partner/mtls/policies");
				}
				out.println();
			});
		out.println("Tokens: ./gatehouse token <user|client>   Status: ./gatehouse status   Stop: ./gatehouse down");
		out.println("Logs:   " + root.relativize(platform.config().runDirectory().logsDir()) + "/");
	}

	private static String exampleApi(ServiceProcess service) {
		return service.name().startsWith("policy") ? "/api/policies" : "/api/customers";
	}

}
