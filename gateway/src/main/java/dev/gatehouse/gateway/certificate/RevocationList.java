package dev.gatehouse.gateway.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner CA's certificate revocation list, checked for each certificate the TLS
 * handshake accepted. The JDK's PKIX trust manager could check revocation in the
 * handshake itself, but then a revoked certificate would only see a TLS alert, and a new
 * CRL would need a new SSL context; here a revoked certificate gets a 401 problem that
 * says so, and the file is re-read when it changes. The CRL's signature is verified
 * against the trusted CAs of the listener's trust store, and a CRL past its next update
 * makes every certificate fail (fail closed).
 */
class RevocationList {

	private static final Logger log = LoggerFactory.getLogger(RevocationList.class);

	enum Status {

		GOOD, REVOKED, UNKNOWN

	}

	private final Path file;

	private final KeyStore trustStore;

	private final Duration refresh;

	private final Clock clock;

	private volatile Loaded loaded;

	private volatile Instant checkedAt = Instant.MIN;

	RevocationList(Path file, KeyStore trustStore, Duration refresh, Clock clock) {
		this.file = file;
		this.trustStore = trustStore;
		this.refresh = refresh;
		this.clock = clock;
		this.loaded = load(null);
	}

	Status status(X509Certificate certificate) {
		Instant now = this.clock.instant();
		if (now.isAfter(this.checkedAt.plus(this.refresh))) {
			refresh(now);
		}
		Loaded current = this.loaded;
		if (current.crl() == null) {
			return Status.UNKNOWN;
		}
		if (!current.crl().getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
			log.warn("No revocation list for certificates issued by '{}': refused",
					certificate.getIssuerX500Principal());
			return Status.UNKNOWN;
		}
		if (current.crl().getNextUpdate() != null && now.isAfter(current.crl().getNextUpdate().toInstant())) {
			return Status.UNKNOWN;
		}
		return current.crl().isRevoked(certificate) ? Status.REVOKED : Status.GOOD;
	}

	private synchronized void refresh(Instant now) {
		if (!now.isAfter(this.checkedAt.plus(this.refresh))) {
			return;
		}
		this.checkedAt = now;
		FileTime modified = modified();
		if (modified == null || !modified.equals(this.loaded.modified())) {
			this.loaded = load(this.loaded);
		}
		X509CRL crl = this.loaded.crl();
		if (crl != null && crl.getNextUpdate() != null && now.isAfter(crl.getNextUpdate().toInstant())
				&& !this.loaded.staleReported()) {
			log.warn(
					"The revocation list {} is past its next update ({}): every client certificate is refused until it is renewed",
					this.file, crl.getNextUpdate().toInstant());
			this.loaded = new Loaded(crl, this.loaded.modified(), true);
		}
	}

	private Loaded load(Loaded previous) {
		FileTime modified = modified();
		try (InputStream in = Files.newInputStream(this.file)) {
			X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
			crl.verify(issuer(crl).getPublicKey());
			int revoked = (crl.getRevokedCertificates() != null) ? crl.getRevokedCertificates().size() : 0;
			log.info("Loaded the revocation list {}: {} revoked certificate(s) of '{}', next update {}", this.file,
					revoked, crl.getIssuerX500Principal().getName(),
					(crl.getNextUpdate() != null) ? crl.getNextUpdate().toInstant() : "-");
			return new Loaded(crl, modified, false);
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			if (previous == null || previous.crl() != null) {
				log.warn(
						"Cannot use the revocation list {} ({}): every client certificate is refused until it is fixed",
						this.file, ex.getMessage());
			}
			return new Loaded(null, modified, false);
		}
	}

	private X509Certificate issuer(X509CRL crl) throws GeneralSecurityException {
		for (String alias : Collections.list(this.trustStore.aliases())) {
			if (this.trustStore.getCertificate(alias) instanceof X509Certificate ca
					&& ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
				return ca;
			}
		}
		throw new GeneralSecurityException("its issuer '" + crl.getIssuerX500Principal() + "' is not a trusted CA");
	}

	private FileTime modified() {
		try {
			return Files.getLastModifiedTime(this.file);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private record Loaded(X509CRL crl, FileTime modified, boolean staleReported) {
	}

}
