package dev.gatehouse.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import dev.gatehouse.pki.CertificateIssuer.Issued;
import dev.gatehouse.pki.CertificateIssuer.Usage;

/**
 * The local run's certificates, generated at first start into one directory (by default
 * {@code .gatehouse/pki}, which git ignores) and never committed. One internal CA signs
 * the servers' certificates and the gateway's and policy-service's client certificates; a
 * separate partner CA signs the partners' client certificates and publishes a CRL; a
 * third CA, whose key is thrown away, signs a certificate no Gatehouse component trusts.
 * Key stores are PKCS#12 with the dev password {@value #DEFAULT_PASSWORD}; see
 * {@link #README} in the directory for the files.
 * <p>
 * {@code ./gatehouse pki} regenerates everything; a deployment brings its own
 * certificates through Spring Boot SSL bundles instead (docs/authentication-methods.md,
 * "Client certificates").
 */
public final class DevPki {

	public static final String DEFAULT_PASSWORD = "gatehouse-dev";

	/**
	 * Trust this to call any Gatehouse TLS listener:
	 * {@code curl --cacert .gatehouse/pki/ca.crt}.
	 */
	public static final String CA = "ca.crt";

	public static final String PARTNER_CA = "partner-ca.crt";

	public static final String PARTNER_CRL = "partner-ca.crl";

	/** The partner CA's key, kept so that {@link #revoke} can sign a new CRL. */
	public static final String PARTNER_CA_KEY = "partner-ca.p12";

	public static final String GATEWAY = "gateway.p12";

	public static final String GATEWAY_CLIENT = "gateway-client.p12";

	public static final String CUSTOMER_SERVICE = "customer-service.p12";

	public static final String POLICY_SERVICE = "policy-service.p12";

	public static final String KEYCLOAK = "keycloak.p12";

	/**
	 * Trust store holding the internal CA: backends' and Keycloak's server certificates,
	 * internal clients.
	 */
	public static final String INTERNAL_TRUST = "trust/internal-ca.p12";

	/**
	 * Trust store holding the partner CA: the gateway's and Keycloak's client-certificate
	 * trust.
	 */
	public static final String PARTNER_TRUST = "trust/partner-ca.p12";

	public static final String README = "README.txt";

	public static final String ACME_SUBJECT = "CN=acme, OU=Partner systems, O=Acme Corp";

	private static final String GATEWAY_SUBJECT = "CN=localhost, OU=Gatehouse, O=Gatehouse dev";

	private static final String KEYCLOAK_SUBJECT = "CN=keycloak, OU=Gatehouse, O=Gatehouse dev";

	private static final Duration CRL_VALIDITY = Duration.ofDays(30);

	/**
	 * Certificates regenerate when one of the internal CA's expires within this time (the
	 * partners' are made with them).
	 */
	private static final Duration RENEW_BEFORE = Duration.ofDays(7);

	private static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

	/** Partner client certificates, valid and otherwise, for demos and tests. */
	public enum PartnerCertificate {

		/** Partner acme, mapped in the gateway's configuration. */
		ACME("acme"),
		/** Same subject as acme, validity over. */
		ACME_EXPIRED("acme-expired"),
		/** Same subject as acme, listed in the partner CA's CRL. */
		ACME_REVOKED("acme-revoked"),
		/** Same subject as acme, signed by a CA nobody trusts. */
		ACME_UNKNOWN_CA("acme-unknown-ca"),
		/** Signed by the partner CA, but no partner is configured for its subject. */
		INITECH("initech");

		private final String fileName;

		PartnerCertificate(String fileName) {
			this.fileName = fileName;
		}

		/**
		 * The PKCS#12 key store (alias {@code partner}), relative to the PKI directory.
		 */
		public String keyStore() {
			return "partners/" + this.fileName + ".p12";
		}

		/**
		 * PEM certificate chain and PKCS#8 key, for curl {@code --cert}/{@code --key}.
		 */
		public String certificatePem() {
			return "partners/" + this.fileName + ".crt";
		}

		public String keyPem() {
			return "partners/" + this.fileName + ".key";
		}

	}

	private final Path directory;

	private final String password;

	private final Clock clock;

	private final Description description;

	private DevPki(Path directory, String password, Clock clock, Description description) {
		this.directory = directory.toAbsolutePath().normalize();
		this.password = password;
		this.clock = clock;
		this.description = description;
	}

	public static DevPki in(Path directory) {
		return in(directory, DEFAULT_PASSWORD);
	}

	public static DevPki in(Path directory, String password) {
		return in(directory, password, Clock.systemUTC());
	}

	static DevPki in(Path directory, String password, Clock clock) {
		return in(directory, password, clock, Description.generated());
	}

	static DevPki in(Path directory, String password, Clock clock, Description description) {
		return new DevPki(directory, password, clock, description);
	}

	public Path directory() {
		return this.directory;
	}

	public Path resolve(String file) {
		return this.directory.resolve(file);
	}

	public String password() {
		return this.password;
	}

	/**
	 * Generates the PKI unless it is there and current: complete, not about to expire,
	 * and every certificate the description decides (the gateway's, its client
	 * certificate, each service's, Keycloak's) still says what the description says
	 * (subject, names, usage) and chains to ca.crt, which the internal trust store holds.
	 * The internal CA's key is not kept, so a certificate made again needs a new CA, and
	 * with it everything else: the whole PKI is made again, as {@link #regenerate} does.
	 * Safe when several processes start at once (a file lock; the last file written marks
	 * it complete).
	 * @return whether it was (re)generated
	 */
	public boolean createIfMissing() {
		return withLock(() -> {
			if (isCurrent()) {
				return false;
			}
			generate();
			return true;
		});
	}

	/** Replaces every certificate and key with new ones. */
	public void regenerate() {
		withLock(() -> {
			generate();
			return true;
		});
	}

	/**
	 * Adds a partner certificate to the partner CA's CRL (a new CRL, signed now, valid
	 * for 30 days), as a CA does when a partner reports a lost key.
	 */
	public void revoke(X509Certificate certificate) {
		withLock(() -> {
			try {
				KeyStore store = readKeyStore(PARTNER_CA_KEY);
				X509Certificate ca = (X509Certificate) store.getCertificate("partner-ca");
				Issued partners = new Issued(new KeyPair(ca.getPublicKey(),
						(PrivateKey) store.getKey("partner-ca", this.password.toCharArray())), List.of(ca));
				X509CRL current;
				try (InputStream in = Files.newInputStream(resolve(PARTNER_CRL))) {
					current = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
				}
				List<BigInteger> serials = new ArrayList<>();
				if (current.getRevokedCertificates() != null) {
					current.getRevokedCertificates().forEach((entry) -> serials.add(entry.getSerialNumber()));
				}
				serials.add(certificate.getSerialNumber());
				Instant now = this.clock.instant();
				writePem(PARTNER_CRL, CertificateIssuer.crl(partners, serials, now, now.plus(CRL_VALIDITY)));
				return true;
			}
			catch (GeneralSecurityException ex) {
				throw new IOException("Could not revoke " + certificate.getSubjectX500Principal(), ex);
			}
		});
	}

	private boolean isCurrent() {
		if (!Files.exists(resolve(README))) {
			return false;
		}
		try {
			X509Certificate ca = readPem(CA);
			if (!ca.equals(readKeyStore(INTERNAL_TRUST).getCertificate("ca"))) {
				return false;
			}
			for (Leaf leaf : internalLeaves()) {
				X509Certificate certificate = (X509Certificate) readKeyStore(leaf.file()).getCertificate(leaf.alias());
				if (!leaf.isIssued(certificate, ca, this.clock.instant().plus(RENEW_BEFORE))) {
					return false;
				}
			}
			return true;
		}
		catch (IOException | GeneralSecurityException ex) {
			// Unreadable (another password, a broken file) or signed by another CA: make
			// a
			// new one rather than fail later in TLS.
			return false;
		}
	}

	/**
	 * The certificates the internal CA signs, as the description and this class decide
	 * them.
	 */
	private List<Leaf> internalLeaves() {
		List<Leaf> leaves = new ArrayList<>();
		leaves.add(new Leaf(GATEWAY, "gateway", GATEWAY_SUBJECT, Usage.SERVER, names("gateway")));
		leaves.add(new Leaf(GATEWAY_CLIENT, "gateway-client", this.description.gatewayClientSubject(), Usage.CLIENT,
				List.of()));
		for (ServiceCertificate service : this.description.services()) {
			leaves.add(new Leaf(service.keyStore(), service.name(), service.subject(), service.usage(),
					names(service.name())));
		}
		leaves.add(new Leaf(KEYCLOAK, "keycloak", KEYCLOAK_SUBJECT, Usage.SERVER, names("keycloak")));
		return leaves;
	}

	private void generate() throws IOException {
		Instant now = this.clock.instant();
		Instant caFrom = now.minus(Duration.ofDays(90));
		Instant caUntil = now.plus(Duration.ofDays(5 * 365));
		Instant leafFrom = now.minus(Duration.ofDays(1));
		Instant leafUntil = now.plus(Duration.ofDays(365));

		Issued internal = CertificateIssuer.selfSignedCa("CN=Gatehouse Dev CA, O=Gatehouse dev", caFrom, caUntil);
		Issued partners = CertificateIssuer.selfSignedCa("CN=Gatehouse Dev Partner CA, O=Gatehouse dev", caFrom,
				caUntil);
		Issued unknown = CertificateIssuer.selfSignedCa("CN=Unknown CA, O=Not trusted by Gatehouse", caFrom, caUntil);

		writePem(CA, internal.certificate());
		writePem(PARTNER_CA, partners.certificate());
		writeTrustStore(INTERNAL_TRUST, internal.certificate());
		writeTrustStore(PARTNER_TRUST, partners.certificate());

		for (Leaf leaf : internalLeaves()) {
			writeKeyStore(leaf.file(), leaf.alias(),
					CertificateIssuer.issue(internal, leaf.subject(), leaf.usage(), leaf.names(), leafFrom, leafUntil));
		}

		writePartner(PartnerCertificate.ACME,
				CertificateIssuer.issue(partners, ACME_SUBJECT, Usage.CLIENT, List.of(), leafFrom, leafUntil));
		writePartner(PartnerCertificate.ACME_EXPIRED, CertificateIssuer.issue(partners, ACME_SUBJECT, Usage.CLIENT,
				List.of(), now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30))));
		Issued revoked = CertificateIssuer.issue(partners, ACME_SUBJECT, Usage.CLIENT, List.of(), leafFrom, leafUntil);
		writePartner(PartnerCertificate.ACME_REVOKED, revoked);
		writePartner(PartnerCertificate.ACME_UNKNOWN_CA,
				CertificateIssuer.issue(unknown, ACME_SUBJECT, Usage.CLIENT, List.of(), leafFrom, leafUntil));
		writePartner(PartnerCertificate.INITECH, CertificateIssuer.issue(partners,
				"CN=initech, OU=Partner systems, O=Initech", Usage.CLIENT, List.of(), leafFrom, leafUntil));

		writeKeyStore(PARTNER_CA_KEY, "partner-ca", partners);
		X509CRL crl = CertificateIssuer.crl(partners, List.of(revoked.certificate().getSerialNumber()), now,
				now.plus(CRL_VALIDITY));
		writePem(PARTNER_CRL, crl);
		write(README, readme(crl).getBytes(StandardCharsets.UTF_8), false);
	}

	private static List<String> names(String serviceName) {
		return Stream.concat(LOCAL_NAMES.stream(), Stream.of(serviceName)).toList();
	}

	private KeyStore readKeyStore(String file) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(resolve(file))) {
			store.load(in, this.password.toCharArray());
		}
		return store;
	}

	private X509Certificate readPem(String file) throws IOException, GeneralSecurityException {
		try (InputStream in = Files.newInputStream(resolve(file))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private void writePartner(PartnerCertificate which, Issued issued) throws IOException {
		writeKeyStore(which.keyStore(), "partner", issued);
		writePem(which.certificatePem(), issued.chain().toArray());
		StringWriter key = new StringWriter();
		try (JcaPEMWriter pem = new JcaPEMWriter(key)) {
			pem.writeObject(new JcaPKCS8Generator(issued.keys().getPrivate(), null));
		}
		write(which.keyPem(), key.toString().getBytes(StandardCharsets.US_ASCII), true);
	}

	private void writeKeyStore(String file, String alias, Issued issued) throws IOException {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(alias, issued.keys().getPrivate(), this.password.toCharArray(),
					issued.chain().toArray(Certificate[]::new));
			write(file, store, true);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not write the key store " + file, ex);
		}
	}

	private void writeTrustStore(String file, X509Certificate ca) throws IOException {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("ca", ca);
			write(file, store, false);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not write the trust store " + file, ex);
		}
	}

	private void write(String file, KeyStore store, boolean secret) throws IOException, GeneralSecurityException {
		var bytes = new ByteArrayOutputStream();
		store.store(bytes, this.password.toCharArray());
		write(file, bytes.toByteArray(), secret);
	}

	private void writePem(String file, Object... objects) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				pem.writeObject(object);
			}
		}
		write(file, text.toString().getBytes(StandardCharsets.US_ASCII), false);
	}

	/**
	 * Writes beside and moves into place, so a reader never sees half a file. Keys are
	 * readable by the owner only; certificates, trust stores and the CRL are public
	 * (0644), so a process under another user that must trust the CA can read it (the
	 * compose edge, uid 101, reads ca.crt from the volume the services own). A temporary
	 * file starts 0600, hence the explicit mode.
	 */
	private void write(String file, byte[] content, boolean secret) throws IOException {
		Path target = resolve(file);
		Files.createDirectories(target.getParent());
		Path temporary = Files.createTempFile(target.getParent(), ".pki", ".tmp");
		if (posix()) {
			Files.setPosixFilePermissions(temporary,
					PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
		}
		try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
			out.write(content);
		}
		Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private String readme(X509CRL crl) {
		return """
				Gatehouse development PKI - generated %s, for local use only. Never deploy these.
				Key stores are PKCS#12, password "%s". Regenerate everything with: ./gatehouse pki

				ca.crt                    internal CA: trust it to call the gateway on https://localhost:8443
				                          (curl --cacert .gatehouse/pki/ca.crt ...)
				gateway.p12               gateway TLS listener (localhost, 127.0.0.1, ::1, gateway)
				gateway-client.p12        the gateway's client certificate towards the backends (secure profile)
				<service>.p12             each service's server certificate, and client certificate when it
				                          calls other services (secure profile; gatehouse.yaml lists them)
				keycloak.p12              Keycloak's HTTPS listener (certificate-bound tokens)
				trust/internal-ca.p12     trust store with ca.crt
				trust/partner-ca.p12      trust store with partner-ca.crt (client certificates of partners)
				partner-ca.crt            partner CA
				partner-ca.crl            partner CA's revocation list (next update %s)
				partner-ca.p12            partner CA's key, to sign new revocation lists
				partners/acme.*           partner acme: curl --cert partners/acme.crt --key partners/acme.key
				partners/acme-expired.*   same subject, expired
				partners/acme-revoked.*   same subject, revoked in partner-ca.crl
				partners/acme-unknown-ca.* same subject, signed by a CA nobody trusts
				partners/initech.*        signed by the partner CA, no partner configured for it
				""".formatted(this.clock.instant(), this.password, crl.getNextUpdate().toInstant());
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	private <T> T withLock(Action<T> action) {
		try {
			Files.createDirectories(this.directory);
			try (FileChannel channel = FileChannel.open(this.directory.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				return action.run();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create the development certificates in " + this.directory, ex);
		}
	}

	/**
	 * A certificate of the internal CA: the key store it is kept in, under which alias,
	 * and what it must say.
	 */
	private record Leaf(String file, String alias, String subject, Usage usage, List<String> names) {

		/**
		 * Whether {@code certificate} is this one: its subject, names and usage, signed
		 * by {@code ca}, valid beyond {@code until}.
		 */
		boolean isIssued(X509Certificate certificate, X509Certificate ca, Instant until)
				throws IOException, GeneralSecurityException {
			if (certificate == null || !certificate.getNotAfter().toInstant().isAfter(until)
					|| !certificate.getSubjectX500Principal().equals(new X500Principal(this.subject))
					|| !CertificateIssuer.extendedKeyUsage(this.usage).equals(certificate.getExtendedKeyUsage())
					|| !CertificateIssuer.alternativeNames(this.names)
						.equals(CertificateIssuer.alternativeNames(certificate))) {
				return false;
			}
			// Throws when another key signed it (a CA made since).
			certificate.verify(ca.getPublicKey());
			return true;
		}

	}

	@FunctionalInterface
	private interface Action<T> {

		T run() throws IOException;

	}

	/**
	 * {@code DevPki <directory>}: generates the PKI there unless it is current. For
	 * container set-ups (docker-compose.yml's one-shot {@code pki} service); locally
	 * {@code ./gatehouse pki} does it.
	 */
	public static void main(String[] args) {
		if (args.length != 1) {
			throw new IllegalArgumentException("usage: DevPki <directory>");
		}
		DevPki.in(Path.of(args[0])).createIfMissing();
	}

}
