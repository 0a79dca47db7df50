package dev.gatehouse.realmapply;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Keycloak is and how to log in to it. The client secrets the base realm names as
 * {@code ${VARIABLE}} placeholders come from the environment under those names.
 *
 * @param keycloakUrl Keycloak's base address, e.g. {@code http://keycloak:8080}
 * @param demo whether the demo data (users, demo secrets for unset variables) is applied;
 * the {@code demo} profile turns it on
 * @param realmDirectory read the realm files from this folder instead of the packaged
 * ones (docker compose mounts {@code auth-server-config/}, so an edit applies without a
 * rebuild)
 * @param waitForKeycloak how long to wait for Keycloak to answer before giving up (a Job
 * may start first)
 * @param portalOrigins public origins the portal is served at besides the realm file's
 * (an Ingress host, e.g. {@code https://api.example.com}): each adds its exact sign-in
 * callback and post-logout address to the client {@code gatehouse-portal}
 */
@Validated
@ConfigurationProperties("gatehouse.realm-apply")
public record RealmApplyProperties(@NotBlank String keycloakUrl, @DefaultValue("false") boolean demo,
		Path realmDirectory, @NotNull @DefaultValue("5m") Duration waitForKeycloak,
		@Valid @NotNull @DefaultValue Admin admin, @NotNull @DefaultValue List<URI> portalOrigins) {

	public RealmApplyProperties {
		// Refused at start-up, naming the value: an origin has no path and no wildcard.
		portalOrigins.forEach(PortalOrigins::origin);
	}

	/**
	 * The admin realm's login: a client's credentials (e.g. the service client Keycloak
	 * creates from {@code KC_BOOTSTRAP_ADMIN_CLIENT_ID}/{@code _SECRET}), or a user's
	 * password on {@code admin-cli}.
	 */
	public record Admin(@NotBlank @DefaultValue("master") String realm,
			@NotBlank @DefaultValue("admin-cli") String clientId, String clientSecret, String username,
			String password) {

		@AssertTrue(
				message = "set gatehouse.realm-apply.admin.client-secret (GATEHOUSE_REALMAPPLY_ADMIN_CLIENTSECRET), or username and password (GATEHOUSE_REALMAPPLY_ADMIN_USERNAME, _PASSWORD)")
		public boolean isComplete() {
			return present(this.clientSecret) || (present(this.username) && present(this.password));
		}

		private static boolean present(String value) {
			return value != null && !value.isBlank();
		}

		@Override
		public String toString() {
			return "Admin[realm=" + this.realm + ", clientId=" + this.clientId + ", username=" + this.username + "]";
		}

	}

}
