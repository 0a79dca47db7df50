package dev.gatehouse.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.pki.CertificateIssuer.Usage;
import dev.gatehouse.pki.DevPki.PartnerCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DevPkiTests {

	@TempDir
	Path directory;

	DevPki pki;

	@BeforeEach
	void generate() {
		this.pki = DevPki.in(this.directory.resolve("pki"));
		assertThat(this.pki.createIfMissing()).isTrue();
	}

	@Test
	void acmeCertificateChainsToThePartnerCaAndIsNotRevoked() throws Exception {
		validate(PartnerCertificate.ACME, true);
	}

	@Test
	void revokedCertificateIsListedInThePartnerCrl() throws Exception {
		assertThat(crl().isRevoked(chain(PartnerCertificate.ACME_REVOKED)[0])).isTrue();
		assertThatExceptionOfType(CertPathValidatorException.class)
			.isThrownBy(() -> validate(PartnerCertificate.ACME_REVOKED, true))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
	}

	@Test
	void revokeAddsTheCertificateToANewCrlAndKeepsEarlierEntries() throws Exception {
		X509Certificate initech = chain(PartnerCertificate.INITECH)[0];
		assertThat(crl().isRevoked(initech)).isFalse();
		this.pki.revoke(initech);
		assertThat(crl().isRevoked(initech)).isTrue();
		assertThat(crl().isRevoked(chain(PartnerCertificate.ACME_REVOKED)[0])).isTrue();
		assertThat(crl().isRevoked(chain(PartnerCertificate.ACME)[0])).isFalse();
		crl().verify(partnerCa().getPublicKey());
	}

	@Test
	void expiredCertificateFailsValidation() {
		assertThatExceptionOfType(CertPathValidatorException.class)
			.isThrownBy(() -> validate(PartnerCertificate.ACME_EXPIRED, false))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(CertPathValidatorException.BasicReason.EXPIRED));
	}

	@Test
	void certificateFromTheUnknownCaDoesNotChainToThePartnerCa() throws Exception {
		X509Certificate certificate = chain(PartnerCertificate.ACME_UNKNOWN_CA)[0];
		assertThat(certificate.getSubjectX500Principal()).isEqualTo(new X500Principal(DevPki.ACME_SUBJECT));
		assertThat(certificate.getIssuerX500Principal()).isNotEqualTo(partnerCa().getSubjectX500Principal());
	}

	@Test
	void gatewayServerCertificateNamesLocalhostAndIsSignedByTheInternalCa() throws Exception {
		X509Certificate gateway = (X509Certificate) keyStore(DevPki.GATEWAY).getCertificate("gateway");
		gateway.verify(pem(DevPki.CA).getPublicKey());
		assertThat(gateway.getSubjectAlternativeNames().stream().map((name) -> String.valueOf(name.get(1))))
			.contains("localhost", "127.0.0.1", "gateway");
		assertThat(gateway.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
	}

	@Test
	void keysAreReadableByTheOwnerOnly() throws Exception {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.pki.resolve(DevPki.GATEWAY))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions
			.toString(Files.getPosixFilePermissions(this.pki.resolve(PartnerCertificate.ACME.keyPem()))))
			.isEqualTo("rw-------");
	}

	@Test
	void certificatesTrustStoresAndTheCrlAreReadableByEveryone() throws Exception {
		for (String file : new String[] { DevPki.CA, DevPki.PARTNER_CA, DevPki.PARTNER_CRL, DevPki.INTERNAL_TRUST,
				DevPki.PARTNER_TRUST, PartnerCertificate.ACME.certificatePem() }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.pki.resolve(file)))).as(file)
				.isEqualTo("rw-r--r--");
		}
	}

	@Test
	void secondRunKeepsTheCertificatesAndRegenerateReplacesThem() throws Exception {
		byte[] before = Files.readAllBytes(this.pki.resolve(DevPki.CA));
		assertThat(this.pki.createIfMissing()).isFalse();
		assertThat(Files.readAllBytes(this.pki.resolve(DevPki.CA))).isEqualTo(before);
		this.pki.regenerate();
		assertThat(Files.readAllBytes(this.pki.resolve(DevPki.CA))).isNotEqualTo(before);
	}

	@Test
	void certificatesAboutToExpireAreRenewedAtTheNextStart() throws Exception {
		byte[] before = Files.readAllBytes(this.pki.resolve(DevPki.CA));
		Clock nearlyAYearLater = Clock.fixed(Instant.now().plus(Duration.ofDays(360)), ZoneOffset.UTC);
		assertThat(DevPki.in(this.pki.directory(), DevPki.DEFAULT_PASSWORD, nearlyAYearLater).createIfMissing())
			.isTrue();
		assertThat(Files.readAllBytes(this.pki.resolve(DevPki.CA))).isNotEqualTo(before);
	}

	@Test
	void certificateWhoseSubjectTheDescriptionChangedIsMadeAgainWithTrustThatAcceptsIt() throws Exception {
		String renamed = "CN=acme-gateway, OU=Platform, O=Acme";
		byte[] caBefore = Files.readAllBytes(this.pki.resolve(DevPki.CA));
		Description changed = new Description(renamed, Description.generated().services());
		DevPki again = DevPki.in(this.pki.directory(), DevPki.DEFAULT_PASSWORD, Clock.systemUTC(), changed);

		assertThat(again.createIfMissing()).isTrue();

		X509Certificate client = (X509Certificate) keyStore(DevPki.GATEWAY_CLIENT).getCertificate("gateway-client");
		assertThat(client.getSubjectX500Principal()).isEqualTo(new X500Principal(renamed));
		assertThat(Files.readAllBytes(this.pki.resolve(DevPki.CA))).isNotEqualTo(caBefore);
		// A service's TLS listener requiring a client certificate of the internal CA:
		// both
		// sides trust the new trust store and accept each other.
		assertThat(handshake("customer-service.p12", DevPki.GATEWAY_CLIENT)).isEqualTo(new X500Principal(renamed));
		assertThat(again.createIfMissing()).isFalse();
	}

	@Test
	void serviceThatNowCallsOthersIsGivenAClientCertificateTheOthersAccept() throws Exception {
		Description generated = Description.generated();
		List<ServiceCertificate> services = generated.services()
			.stream()
			.map((service) -> service.name().equals("customer-service")
					? new ServiceCertificate(service.name(), service.subject(), Usage.SERVER_AND_CLIENT) : service)
			.toList();
		DevPki again = DevPki.in(this.pki.directory(), DevPki.DEFAULT_PASSWORD, Clock.systemUTC(),
				new Description(generated.gatewayClientSubject(), services));

		assertThat(again.createIfMissing()).isTrue();

		X509Certificate customers = (X509Certificate) keyStore("customer-service.p12")
			.getCertificate("customer-service");
		assertThat(customers.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(handshake("policy-service.p12", "customer-service.p12"))
			.isEqualTo(customers.getSubjectX500Principal());
	}

	/**
	 * A real TLS handshake on the loopback: a server with {@code serverStore}'s key
	 * requiring a client certificate, a client with {@code clientStore}'s key checking
	 * the server's name (localhost), both trusting the internal trust store.
	 * @return the client certificate's subject as the server saw it
	 */
	private X500Principal handshake(String serverStore, String clientStore) throws Exception {
		try (SSLServerSocket listener = (SSLServerSocket) tls(serverStore).getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			listener.setNeedClientAuth(true);
			CompletableFuture<X500Principal> seen = CompletableFuture.supplyAsync(() -> {
				try (SSLSocket accepted = (SSLSocket) listener.accept()) {
					accepted.startHandshake();
					// One byte after the handshake, so that the client stays until the
					// server is done with it.
					accepted.getOutputStream().write(1);
					accepted.getOutputStream().flush();
					return ((X509Certificate) accepted.getSession().getPeerCertificates()[0]).getSubjectX500Principal();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			try (SSLSocket socket = (SSLSocket) tls(clientStore).getSocketFactory()
				.createSocket("localhost", listener.getLocalPort())) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				socket.startHandshake();
				assertThat(socket.getInputStream().read()).isEqualTo(1);
			}
			return seen.get(30, TimeUnit.SECONDS);
		}
	}

	private SSLContext tls(String keyStore) throws Exception {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore(keyStore), DevPki.DEFAULT_PASSWORD.toCharArray());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keyStore(DevPki.INTERNAL_TRUST));
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
		return context;
	}

	private void validate(PartnerCertificate which, boolean revocation) throws Exception {
		CertificateFactory factory = CertificateFactory.getInstance("X.509");
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(partnerCa(), null)));
		parameters.setRevocationEnabled(revocation);
		if (revocation) {
			parameters
				.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl()))));
		}
		X509Certificate[] chain = chain(which);
		CertPathValidator.getInstance("PKIX")
			.validate(factory.generateCertPath(Arrays.asList(chain).subList(0, chain.length - 1)), parameters);
	}

	private X509Certificate[] chain(PartnerCertificate which) throws Exception {
		KeyStore store = keyStore(which.keyStore());
		return Arrays.stream(store.getCertificateChain("partner"))
			.map(X509Certificate.class::cast)
			.toArray(X509Certificate[]::new);
	}

	private KeyStore keyStore(String file) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.pki.resolve(file))) {
			store.load(in, DevPki.DEFAULT_PASSWORD.toCharArray());
		}
		return store;
	}

	private X509Certificate partnerCa() throws Exception {
		return pem(DevPki.PARTNER_CA);
	}

	private X509Certificate pem(String file) throws Exception {
		try (InputStream in = Files.newInputStream(this.pki.resolve(file))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private X509CRL crl() throws Exception {
		try (InputStream in = Files.newInputStream(this.pki.resolve(DevPki.PARTNER_CRL))) {
			return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
		}
	}

}
