package dev.gatehouse.platform;

import java.util.Map;

import dev.gatehouse.platform.PlatformDescription.Service;

/**
 * Each service's database and owner: created by the init script (deploy/postgres, run by
 * the postgres image of compose and Kubernetes on an empty volume), whose password
 * variable the Kubernetes StatefulSet takes from the service's database Secret (compose's
 * are in {@link ComposeServices}).
 */
final class PostgresDatabases {

	static final String INIT_SCRIPT = "deploy/postgres/init-databases.sh";

	static final String STATEFUL_SET = "k8s/base/postgres.yaml";

	private PostgresDatabases() {
	}

	/**
	 * Every service's password checked first (an unset or empty one stops the script,
	 * naming its variable, before any database is made), then one create line each.
	 */
	static Map<String, String> initScript(PlatformDescription description) {
		StringBuilder checks = new StringBuilder();
		StringBuilder creates = new StringBuilder();
		for (Service service : description.serviceList()) {
			String variable = ComposeServices.passwordVariable(service);
			checks.append(": \"${%1$s:?%1$s is not set}\"\n".formatted(variable));
			creates.append("create %1$s \"$%2$s\" %1$s\n".formatted(service.database(), variable));
		}
		return Map.of("database-passwords", checks.toString(), "databases", creates.toString());
	}

	static Map<String, String> statefulSet(PlatformDescription description) {
		StringBuilder text = new StringBuilder();
		for (Service service : description.serviceList()) {
			text.append("""
					            - name: %s
					              valueFrom:
					                secretKeyRef:
					                  name: gatehouse-%s-db
					                  key: password
					""".formatted(ComposeServices.passwordVariable(service), KubernetesService.prefix(service)));
		}
		return Map.of("database-passwords", text.toString());
	}

}
