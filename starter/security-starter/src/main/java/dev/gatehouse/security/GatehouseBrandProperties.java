package dev.gatehouse.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The brand strings clients see, under {@code gatehouse.brand} (declared once in
 * gatehouse.yaml's {@code brand} section and generated into each module's configuration).
 * Validated at start-up: a value that would make malformed problem types, header names or
 * keys stops the application with a message naming the setting.
 */
@Validated
@ConfigurationProperties("gatehouse.brand")
public class GatehouseBrandProperties {

	/** Prefix of every problem type (RFC 9457), a URN prefix ending in ':'. */
	@NotNull
	@Pattern(regexp = "urn:[a-z0-9][a-z0-9-]{0,31}:([a-z0-9][a-z0-9.-]*:)*",
			message = "must be a URN prefix in lower case ending in ':', such as urn:acme:problem:")
	private String problemTypePrefix = Brand.DEFAULT.problemTypePrefix();

	/**
	 * Prefix of the headers only the gateway sets (it removes every header with it from
	 * what clients send).
	 */
	@NotNull
	@Pattern(regexp = "[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-",
			message = "must be an HTTP header name prefix of letters, digits and '-' ending in '-', such as X-Acme-")
	private String headerPrefix = Brand.DEFAULT.headerPrefix();

	/** Prefix of the API keys the gateway issues. */
	@NotNull
	@Pattern(regexp = "[a-z]+_", message = "must be lower-case letters followed by '_', such as acme_")
	private String apiKeyPrefix = Brand.DEFAULT.apiKeyPrefix();

	public String getProblemTypePrefix() {
		return this.problemTypePrefix;
	}

	public void setProblemTypePrefix(String problemTypePrefix) {
		this.problemTypePrefix = problemTypePrefix;
	}

	public String getHeaderPrefix() {
		return this.headerPrefix;
	}

	public void setHeaderPrefix(String headerPrefix) {
		this.headerPrefix = headerPrefix;
	}

	public String getApiKeyPrefix() {
		return this.apiKeyPrefix;
	}

	public void setApiKeyPrefix(String apiKeyPrefix) {
		this.apiKeyPrefix = apiKeyPrefix;
	}

	public Brand toBrand() {
		return new Brand(this.problemTypePrefix, this.headerPrefix, this.apiKeyPrefix);
	}

}
