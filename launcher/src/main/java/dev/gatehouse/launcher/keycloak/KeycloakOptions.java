package dev.gatehouse.launcher.keycloak;

import java.nio.file.Path;
import java.time.Duration;

import dev.gatehouse.launcher.process.RunDirectory;

/**
 * How to run one Keycloak.
 *
 * @param version Keycloak version, the one the build pins ({@link KeycloakDistribution#pinnedVersion()})
 * @param port HTTP port; the issuer becomes {@code http://localhost:<port>/realms/gatehouse}
 * @param managementPort Keycloak's management interface (health), which otherwise defaults to 9000
 * @param realmFile realm JSON imported at every start
 * @param workDir where distributions are unpacked and built, outside the sources
 * @param runDirectory where the log and run record go
 */
public record KeycloakOptions(String version, int port, int managementPort, Path realmFile, Path workDir,
		RunDirectory runDirectory, Duration startupTimeout) {
}
