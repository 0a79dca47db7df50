package dev.gatehouse.realmapply;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Applies the realm to a running Keycloak once, then exits: 0 when Keycloak holds the
 * realm as declared, 1 otherwise (the log says why). Run as the docker compose one-shot
 * {@code realm-apply} and as the Kubernetes Job of the same name; see deploy/README.md.
 */
@SpringBootApplication
@EnableConfigurationProperties(RealmApplyProperties.class)
public class RealmApplyApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(RealmApplyApplication.class, args)));
	}

}
