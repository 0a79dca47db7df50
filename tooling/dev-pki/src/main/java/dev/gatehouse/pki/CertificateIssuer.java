package dev.gatehouse.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 certificates and CRLs with BouncyCastle's builders (the JDK can sign
 * certificates only through {@code keytool}, and cannot make CRLs at all). Keys are EC
 * P-256 from the JDK's own provider; BouncyCastle only assembles and signs the
 * structures.
 */
final class CertificateIssuer {

	private static final SecureRandom RANDOM = new SecureRandom();

	private CertificateIssuer() {
	}

	/** A key pair and its certificate chain, leaf first. */
	record Issued(KeyPair keys, List<X509Certificate> chain) {

		X509Certificate certificate() {
			return this.chain.get(0);
		}

	}

	enum Usage {

		CA, SERVER, CLIENT, SERVER_AND_CLIENT

	}

	static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot make EC P-256 keys", ex);
		}
	}

	static Issued selfSignedCa(String subject, Instant notBefore, Instant notAfter) {
		KeyPair keys = newKeyPair();
		X509Certificate certificate = sign(new X500Principal(subject), keys, new X500Principal(subject), keys, null,
				Usage.CA, List.of(), notBefore, notAfter);
		return new Issued(keys, List.of(certificate));
	}

	/**
	 * @param names DNS names and IP addresses for the subject alternative name (servers)
	 */
	static Issued issue(Issued ca, String subject, Usage usage, List<String> names, Instant notBefore,
			Instant notAfter) {
		KeyPair keys = newKeyPair();
		X509Certificate certificate = sign(new X500Principal(subject), keys, ca.certificate().getSubjectX500Principal(),
				ca.keys(), ca.certificate(), usage, names, notBefore, notAfter);
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(certificate);
		chain.addAll(ca.chain());
		return new Issued(keys, List.copyOf(chain));
	}

	/**
	 * A CRL of {@code ca} listing the {@code revoked} serial numbers (key compromise),
	 * valid until {@code nextUpdate}.
	 */
	static X509CRL crl(Issued ca, List<BigInteger> revoked, Instant thisUpdate, Instant nextUpdate) {
		try {
			X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(),
					Date.from(thisUpdate));
			builder.setNextUpdate(Date.from(nextUpdate));
			for (BigInteger serial : revoked) {
				builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
			}
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
			builder.addExtension(Extension.cRLNumber, false,
					new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
			return new JcaX509CRLConverter().getCRL(builder.build(signer(ca.keys())));
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("Could not sign the CRL", ex);
		}
	}

	private static X509Certificate sign(X500Principal subject, KeyPair subjectKeys, X500Principal issuer,
			KeyPair issuerKeys, X509Certificate issuerCertificate, Usage usage, List<String> names, Instant notBefore,
			Instant notAfter) {
		try {
			BigInteger serial = new BigInteger(64, RANDOM).add(BigInteger.ONE);
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
					Date.from(notAfter), subject, subjectKeys.getPublic());
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					(issuerCertificate != null) ? extensions.createAuthorityKeyIdentifier(issuerCertificate)
							: extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
			if (usage == Usage.CA) {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			else {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes(usage)));
			}
			if (!names.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
						names.stream().map(CertificateIssuer::generalName).toArray(GeneralName[]::new)));
			}
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKeys)));
		}
		catch (GeneralSecurityException | CertIOException ex) {
			throw new IllegalStateException("Could not sign the certificate for " + subject, ex);
		}
	}

	private static KeyPurposeId[] purposes(Usage usage) {
		return switch (usage) {
			case SERVER -> new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth };
			case CLIENT -> new KeyPurposeId[] { KeyPurposeId.id_kp_clientAuth };
			case SERVER_AND_CLIENT ->
				new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth };
			case CA -> throw new IllegalArgumentException("A CA has no extended key usage here");
		};
	}

	private static GeneralName generalName(String name) {
		return new GeneralName(isAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name);
	}

	private static boolean isAddress(String name) {
		return name.contains(":") || name.chars().allMatch((c) -> Character.isDigit(c) || c == '.');
	}

	/** The extended key usage OIDs a leaf of this usage carries, in their order. */
	static List<String> extendedKeyUsage(Usage usage) {
		return Arrays.stream(purposes(usage)).map((purpose) -> purpose.toOID().getId()).toList();
	}

	/**
	 * The subject alternative names a certificate for {@code names} carries, as
	 * {@link #alternativeNames(X509Certificate)} reads them.
	 */
	static Set<List<?>> alternativeNames(List<String> names) throws UnknownHostException {
		Set<List<?>> out = new HashSet<>();
		for (String name : names) {
			out.add(isAddress(name) ? address(name) : List.of(GeneralName.dNSName, name));
		}
		return out;
	}

	/**
	 * A certificate's subject alternative names as (type, name) pairs, IP addresses
	 * spelled one way.
	 */
	static Set<List<?>> alternativeNames(X509Certificate certificate)
			throws UnknownHostException, CertificateParsingException {
		Set<List<?>> out = new HashSet<>();
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		for (List<?> name : (names != null) ? names : List.<List<?>>of()) {
			out.add(Integer.valueOf(GeneralName.iPAddress).equals(name.get(0)) ? address((String) name.get(1))
					: List.of(name.get(0), name.get(1)));
		}
		return out;
	}

	/** An IP address literal (never looked up) in the JDK's spelling. */
	private static List<?> address(String literal) throws UnknownHostException {
		return List.of(GeneralName.iPAddress, InetAddress.getByName(literal).getHostAddress());
	}

	private static ContentSigner signer(KeyPair keys) {
		try {
			return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException("Could not create an ECDSA signer", ex);
		}
	}

}
