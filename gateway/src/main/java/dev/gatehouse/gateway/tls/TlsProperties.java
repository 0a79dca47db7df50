package dev.gatehouse.gateway.tls;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The TLS listener under {@code gatehouse.tls}. Its certificate comes from the Spring Boot SSL
 * bundle named {@code bundle} ({@code spring.ssl.bundle.*}), which the default configuration
 * points at {@code key-store}.
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

	/** The PKCS#12 key store of the bundle, used by the dev certificate generator. */
	@NotNull
	private Path keyStore = Path.of(".gatehouse", "tls", "gateway.p12");

	@NotBlank
	private String keyStorePassword = "gatehouse-dev";

	@NotBlank
	private String keyAlias = "gateway";

	/**
	 * Create a self-signed certificate for localhost in {@code key-store} when that file does not
	 * exist. For local runs only; a real deployment supplies its certificate and leaves this off.
	 */
	private boolean generateDevCertificate;

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

	public Path getKeyStore() {
		return this.keyStore;
	}

	public void setKeyStore(Path keyStore) {
		this.keyStore = keyStore;
	}

	public String getKeyStorePassword() {
		return this.keyStorePassword;
	}

	public void setKeyStorePassword(String keyStorePassword) {
		this.keyStorePassword = keyStorePassword;
	}

	public String getKeyAlias() {
		return this.keyAlias;
	}

	public void setKeyAlias(String keyAlias) {
		this.keyAlias = keyAlias;
	}

	public boolean isGenerateDevCertificate() {
		return this.generateDevCertificate;
	}

	public void setGenerateDevCertificate(boolean generateDevCertificate) {
		this.generateDevCertificate = generateDevCertificate;
	}

}
