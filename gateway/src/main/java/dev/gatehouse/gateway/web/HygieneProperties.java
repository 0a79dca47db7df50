package dev.gatehouse.gateway.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request limits under {@code gatehouse.gateway.requests}. The body limit is the starter's
 * {@code gatehouse.security.max-request-body}, shared with the services.
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.requests")
public class HygieneProperties {

	/**
	 * Largest total size of the request headers (names and values) answered normally; larger
	 * gets a 431 problem. Keep it below {@code server.max-http-request-header-size}, beyond which
	 * Netty itself refuses the request with a bare 431 before the gateway sees it.
	 */
	@NotNull
	private DataSize maxHeaders = DataSize.ofKilobytes(16);

	public DataSize getMaxHeaders() {
		return this.maxHeaders;
	}

	public void setMaxHeaders(DataSize maxHeaders) {
		this.maxHeaders = maxHeaders;
	}

}
