package dev.gatehouse.launcher.keycloak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.gatehouse.launcher.process.RunDirectory;

/**
 * How to run one Keycloak.
 *
 * @param version Keycloak version, the one the build pins
 * ({@link KeycloakDistribution#pinnedVersion()})
 * @param port HTTP port; the issuer becomes
 * {@code http://localhost:<port>/realms/gatehouse}
 * @param httpsPort HTTPS port, asking for client certificates of the partner CA: a token
 * requested there by a client set up for it (acme-partner) is bound to the certificate
 * (RFC 8705)
 * @param pki the development PKI (Keycloak's certificate, the partner CA trust store)
 * @param managementPort Keycloak's management interface (health), which otherwise
 * defaults to 9000
 * @param realmDirectory where the realm files are ({@code auth-server-config/}), applied
 * at every start (RealmApply); null for a Keycloak without the gatehouse realm
 * @param demo whether the demo data (users) is applied too
 * @param workDir where distributions are unpacked and built, outside the sources
 * @param runDirectory where the log and run record go
 * @param gatewayOrigins the gateway's origins as the realm's redirect URIs name them (the
 * contract's ports) to the origins of this run, when the gateway runs on other ports
 */
public record KeycloakOptions(String version, int port, int httpsPort, int managementPort, Path pki,
		Path realmDirectory, boolean demo, Path workDir, RunDirectory runDirectory, Duration startupTimeout,
		Map<String, String> gatewayOrigins) {
}
