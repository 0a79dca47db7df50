package dev.gatehouse.realmapply;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.gatehouse.realm.KeycloakAdmin;
import dev.gatehouse.realm.KeycloakAdmin.AdminLogin;
import dev.gatehouse.realm.KeycloakAdminException;
import dev.gatehouse.realm.RealmApply;
import dev.gatehouse.realm.RealmDefinitionException;
import dev.gatehouse.realm.RealmFiles;

import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the realm files, waits for Keycloak, applies, and logs each change (never a
 * secret).
 */
@Component
class RealmApplyRunner implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(RealmApplyRunner.class);

	private static final long RETRY_MILLIS = 3000;

	private final RealmApplyProperties properties;

	private final Environment environment;

	private int exitCode;

	RealmApplyRunner(RealmApplyProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		try {
			RealmFiles files = (this.properties.realmDirectory() != null)
					? RealmFiles.fromDirectory(this.properties.realmDirectory()) : RealmFiles.fromClasspath();
			ObjectNode realm = PortalOrigins.add(files.resolve(this.properties.demo(), this.environment::getProperty),
					this.properties.portalOrigins());
			List<String> changes = applyWhenKeycloakAnswers(realm);
			changes.forEach((change) -> logger.info("{}", change));
			logger.info("Realm '{}' is as declared ({}, {} change(s)) in {}", realm.path("realm").asString(),
					this.properties.demo() ? "with the demo data" : "without demo data", changes.size(),
					this.properties.keycloakUrl());
		}
		catch (RealmDefinitionException | KeycloakAdminException ex) {
			logger.error("Realm not applied: {}", ex.getMessage());
			this.exitCode = 1;
		}
	}

	/**
	 * Keycloak may still be starting (a Kubernetes Job has no depends_on): unanswered
	 * calls are retried until the wait is over.
	 */
	private List<String> applyWhenKeycloakAnswers(ObjectNode realm) throws InterruptedException {
		long deadline = System.nanoTime() + this.properties.waitForKeycloak().toNanos();
		KeycloakAdmin admin = new KeycloakAdmin(this.properties.keycloakUrl(), login());
		while (true) {
			try {
				return new RealmApply(admin).apply(realm);
			}
			catch (KeycloakAdminException ex) {
				if (!(ex.getCause() instanceof java.io.IOException) || System.nanoTime() > deadline) {
					throw ex;
				}
				logger.info("Waiting for Keycloak at {}: {}", this.properties.keycloakUrl(), ex.getCause().toString());
				Thread.sleep(RETRY_MILLIS);
			}
		}
	}

	private AdminLogin login() {
		RealmApplyProperties.Admin admin = this.properties.admin();
		if (admin.clientSecret() != null && !admin.clientSecret().isBlank()) {
			return AdminLogin.client(admin.realm(), admin.clientId(), admin.clientSecret());
		}
		return new AdminLogin(admin.realm(), admin.clientId(), null, admin.username(), admin.password());
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
