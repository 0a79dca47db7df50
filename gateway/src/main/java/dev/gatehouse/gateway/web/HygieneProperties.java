package dev.gatehouse.gateway.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Request checks under {@code gatehouse.gateway.requests}. The size limits are the
 * starter's {@code gatehouse.security.max-request-body} and {@code max-request-headers},
 * shared with the services.
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.requests")
public class HygieneProperties {

	/**
	 * Query parameters that would carry an API key, compared ignoring case: refused on
	 * every route with 400 {@code api-key-in-query} before anything reads them.
	 */
	@NotNull
	private List<String> apiKeyParameters = new ArrayList<>(List.of("api_key", "apikey", "api-key", "x-api-key"));

	/**
	 * Query parameters that would carry a token, a password or a client secret, compared
	 * ignoring case: refused on every route with 400 {@code credentials-in-query}. URLs
	 * end up in browser histories and in the logs of every proxy on the way, so such a
	 * credential counts as exposed.
	 */
	@NotNull
	private List<String> credentialParameters = new ArrayList<>(List.of("access_token", "id_token", "refresh_token",
			"token", "jwt", "bearer", "authorization", "password", "passwd", "pwd", "secret", "client_secret"));

	public List<String> getApiKeyParameters() {
		return this.apiKeyParameters;
	}

	public void setApiKeyParameters(List<String> apiKeyParameters) {
		this.apiKeyParameters = apiKeyParameters;
	}

	public List<String> getCredentialParameters() {
		return this.credentialParameters;
	}

	public void setCredentialParameters(List<String> credentialParameters) {
		this.credentialParameters = credentialParameters;
	}

}
