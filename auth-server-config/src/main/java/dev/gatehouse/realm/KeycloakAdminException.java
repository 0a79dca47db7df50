package dev.gatehouse.realm;

/**
 * A call to Keycloak's admin API failed; the message names the call and Keycloak's
 * answer.
 */
public class KeycloakAdminException extends RuntimeException {

	public KeycloakAdminException(String message) {
		super(message);
	}

	public KeycloakAdminException(String message, Throwable cause) {
		super(message, cause);
	}

}
