package dev.gatehouse.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

import org.junit.jupiter.api.Tag;

/**
 * A test that needs what only the launcher's platform offers (a backend reached directly,
 * a setting changed for the run, Keycloak's HTTPS port): it runs in every
 * {@code mvn verify}, and is left out of the run against docker compose (e2e-tests'
 * {@code compose} profile), for the reason given. The reasons are listed in
 * deploy/README.md.
 */
@java.lang.annotation.Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Tag("launcher-only")
@interface LauncherOnly {

	/** Why this cannot run against a compose stack. */
	String value();

}
