package dev.gatehouse.e2e;

import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import dev.gatehouse.launcher.token.Tokens;

/**
 * What the end-to-end suite runs against, chosen by the system property
 * {@code gatehouse.e2e.target}: {@code launcher} (the default: the platform started by
 * the launcher, as {@code ./gatehouse up}) or {@code compose} (a running docker compose
 * stack, reached only at its public addresses).
 */
interface Target {

	String PROPERTY = "gatehouse.e2e.target";

	/**
	 * The public entry point for API calls: the gateway's HTTP port (launcher) or the
	 * edge (compose).
	 */
	String gateway(String path);

	/**
	 * The gateway's TLS listener as a client reaches it: itself (launcher) or through the
	 * edge (compose).
	 */
	String gatewayTls(String path);

	/**
	 * Where a client certificate reaches the gateway's own TLS handshake: the gateway's
	 * TLS listener (launcher) or the edge's TLS passthrough port for partners (compose).
	 */
	String partnerTls(String path);

	/** Trusts the certificates {@link #gatewayTls} and {@link #partnerTls} present. */
	SSLContext trust();

	/**
	 * The dev PKI the platform runs with: its CA, and the partners' client certificates.
	 */
	Path pki();

	/** Keycloak's public address, {@code http://localhost:<port>}. */
	String keycloakUrl();

	/** The gatehouse realm's issuer: Keycloak's public address, whoever asks. */
	default String issuerUri() {
		return keycloakUrl() + "/realms/gatehouse";
	}

	default Tokens tokens() {
		return new Tokens(issuerUri());
	}

	/** An access token of Keycloak's bootstrap administrator, for the admin REST API. */
	String keycloakAdminToken();

}
