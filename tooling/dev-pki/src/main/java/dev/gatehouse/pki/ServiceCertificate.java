package dev.gatehouse.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import dev.gatehouse.pki.CertificateIssuer.Usage;

/**
 * A service's certificate in the dev PKI: subject and usage from services.properties
 * beside this class, which ./gatehouse generate writes from gatehouse.yaml (with the
 * gateway's client certificate subject).
 *
 * @param name the service, also its DNS name and the key store's alias
 */
record ServiceCertificate(String name, String subject, Usage usage) {

	/** {@code <name>.p12} in the PKI directory. */
	String keyStore() {
		return this.name + ".p12";
	}

	static List<ServiceCertificate> all() {
		Properties properties = properties();
		return Arrays.stream(properties.getProperty("services", "").split(","))
			.filter((name) -> !name.isBlank())
			.map((name) -> new ServiceCertificate(name, properties.getProperty(name + ".subject"),
					Usage.valueOf(properties.getProperty(name + ".usage").toUpperCase(Locale.ROOT).replace('-', '_'))))
			.toList();
	}

	/**
	 * Subject of the gateway's client certificate, which the services admit in the secure
	 * profile.
	 */
	static String gatewayClientSubject() {
		return properties().getProperty("gateway.client-subject");
	}

	private static Properties properties() {
		Properties properties = new Properties();
		try (InputStream in = ServiceCertificate.class.getResourceAsStream("services.properties")) {
			if (in == null) {
				throw new IllegalStateException("services.properties is missing: run ./gatehouse generate");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read services.properties", ex);
		}
		return properties;
	}

}
