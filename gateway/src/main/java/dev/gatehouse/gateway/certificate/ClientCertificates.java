package dev.gatehouse.gateway.certificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;

/** The client certificate of a request, as the TLS handshake verified it. */
public final class ClientCertificates {

	private ClientCertificates() {
	}

	/**
	 * The leaf certificate the client presented on this connection, or null (plain HTTP,
	 * or none sent).
	 */
	public static X509Certificate of(ServerWebExchange exchange) {
		SslInfo ssl = exchange.getRequest().getSslInfo();
		X509Certificate[] chain = (ssl != null) ? ssl.getPeerCertificates() : null;
		return (chain != null && chain.length > 0) ? chain[0] : null;
	}

	/**
	 * RFC 8705 3.1: base64url (no padding) SHA-256 of the DER certificate, as in
	 * {@code cnf.x5t#S256}.
	 */
	public static String thumbprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new IllegalStateException("Cannot compute the certificate thumbprint", ex);
		}
	}

	/** How logs and problems name a certificate: its serial number, never more of it. */
	public static String id(X509Certificate certificate) {
		return "certificate:" + certificate.getSerialNumber().toString(16);
	}

}
