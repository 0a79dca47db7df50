package dev.gatehouse.gateway.tls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DevCertificateTests {

	@TempDir
	Path directory;

	@Test
	void createsASelfSignedLocalhostCertificateReadableByItsOwnerOnly() throws Exception {
		Path keyStore = this.directory.resolve("tls/gateway.p12");
		assertThat(DevCertificate.createIfMissing(keyStore, "secret-1", "gateway")).isTrue();

		KeyStore loaded = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			loaded.load(in, "secret-1".toCharArray());
		}
		assertThat(loaded.isKeyEntry("gateway")).isTrue();
		X509Certificate certificate = (X509Certificate) loaded.getCertificate("gateway");
		assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=localhost");
		List<String> names = certificate.getSubjectAlternativeNames().stream().map((name) -> String.valueOf(name.get(1))).toList();
		assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(certificate.getExtendedKeyUsage()).isEqualTo(List.of("1.3.6.1.5.5.7.3.1"));
		assertThat(Files.getPosixFilePermissions(keyStore)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void leavesAnExistingKeyStoreAlone() throws Exception {
		Path keyStore = this.directory.resolve("gateway.p12");
		Files.writeString(keyStore, "a real deployment's key store");
		assertThat(DevCertificate.createIfMissing(keyStore, "secret-1", "gateway")).isFalse();
		assertThat(Files.readString(keyStore)).isEqualTo("a real deployment's key store");
	}

}
