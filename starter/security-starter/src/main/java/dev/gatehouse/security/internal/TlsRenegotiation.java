package dev.gatehouse.security.internal;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the JDK refuse TLS renegotiation that a client starts ({@code
 * jdk.tls.rejectClientInitiatedRenegotiation}), which each renegotiation would otherwise
 * let a client make the server do a full handshake for, as often as it likes (a
 * denial-of-service lever outside scanners report). The JDK offers no setting per server,
 * only this system property, read once when the first server handshake starts; an
 * environment post-processor runs before any listener of a Spring Boot application
 * exists, so every service with the starter, however it is started (jar, image, test),
 * sets it in time. An explicit {@code -D} setting is left as it is.
 */
public class TlsRenegotiation implements EnvironmentPostProcessor {

	static final String PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, "true");
		}
	}

}
