package dev.gatehouse.gateway.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, made with the
 * JDK's {@code keytool} into a PKCS#12 key store. Generated at first run and never committed (the
 * repository ignores {@code *.p12}); the key store is readable by its owner only.
 */
public final class DevCertificate {

	private static final Logger log = LoggerFactory.getLogger(DevCertificate.class);

	private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

	/** keytool reads the password from here, so it never shows on a command line. */
	private static final String PASSWORD_VARIABLE = "GATEHOUSE_DEV_KEYSTORE_PASSWORD";

	private DevCertificate() {
	}

	/** Creates the key store unless the file exists. @return whether it was created */
	public static boolean createIfMissing(Path keyStore, String password, String alias) {
		if (Files.exists(keyStore)) {
			return false;
		}
		try {
			Path parent = keyStore.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			run(List.of(keytool().toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
					"-sigalg", "SHA256withECDSA", "-validity", "365", "-dname", "CN=localhost, OU=Gatehouse dev certificate",
					"-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-ext", "EKU=serverAuth", "-storetype", "PKCS12",
					"-keystore", keyStore.toAbsolutePath().toString(), "-storepass:env", PASSWORD_VARIABLE, "-keypass:env",
					PASSWORD_VARIABLE), password);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(keyStore, PosixFilePermissions.fromString("rw-------"));
			}
			log.info("Generated a self-signed development certificate for localhost in {}", keyStore.toAbsolutePath());
			return true;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create the development certificate in " + keyStore, ex);
		}
	}

	private static Path keytool() {
		boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
		return Path.of(System.getProperty("java.home"), "bin", windows ? "keytool.exe" : "keytool");
	}

	private static void run(List<String> command, String password) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put(PASSWORD_VARIABLE, password);
		Process process = builder.start();
		try {
			if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " seconds");
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (process.exitValue() != 0) {
				throw new IOException("keytool failed (exit " + process.exitValue() + "): " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("Interrupted while waiting for keytool", ex);
		}
	}

}
