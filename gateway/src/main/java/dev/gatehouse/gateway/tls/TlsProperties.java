package dev.gatehouse.gateway.tls;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The TLS listener under {@code gatehouse.tls}. Its certificate and the CAs it accepts
 * client certificates from come from the Spring Boot SSL bundle named {@code bundle}
 * ({@code spring.ssl.bundle.*}), which the default configuration points at files in
 * {@code directory}.
 */
@Validated
@ConfigurationProperties("gatehouse.tls")
public class TlsProperties {

	/** Port of the TLS listener; 0 picks a free one (tests). */
	@Min(0)
	@Max(65535)
	private int port = 8443;

	@NotBlank
	private String bundle = "gateway";

	/**
	 * Where the key and trust stores are: gateway.p12, trust/partner-ca.p12, and for the
	 * secure profile gateway-client.p12, trust/internal-ca.p12.
	 */
	@NotNull
	private Path directory = Path.of(".gatehouse", "pki");

	@NotBlank
	private String keyStorePassword = "gatehouse-dev";

	/** Offer HTTP/2 by ALPN beside HTTP/1.1. */
	private boolean http2 = true;

	/**
	 * Generate the development PKI (module dev-pki) in {@code directory} when it is not
	 * there or about to expire. For local runs only; a deployment supplies its
	 * certificates and leaves this off.
	 */
	private boolean generateDevPki;

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getBundle() {
		return this.bundle;
	}

	public void setBundle(String bundle) {
		this.bundle = bundle;
	}

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public String getKeyStorePassword() {
		return this.keyStorePassword;
	}

	public void setKeyStorePassword(String keyStorePassword) {
		this.keyStorePassword = keyStorePassword;
	}

	public boolean isHttp2() {
		return this.http2;
	}

	public void setHttp2(boolean http2) {
		this.http2 = http2;
	}

	public boolean isGenerateDevPki() {
		return this.generateDevPki;
	}

	public void setGenerateDevPki(boolean generateDevPki) {
		this.generateDevPki = generateDevPki;
	}

}
