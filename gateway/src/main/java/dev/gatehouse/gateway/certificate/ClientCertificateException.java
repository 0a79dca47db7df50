package dev.gatehouse.gateway.certificate;

import java.security.cert.X509Certificate;

import org.springframework.security.core.AuthenticationException;

/** Why a certificate that passed the TLS handshake is still not accepted. */
class ClientCertificateException extends AuthenticationException {

	public enum Reason {

		/** Listed in the partner CA's revocation list. */
		REVOKED,
		/** The revocation list is missing, unreadable or out of date: fail closed. */
		REVOCATION_UNKNOWN,
		/** Chains to a trusted CA, but no partner is configured for its subject. */
		NOT_REGISTERED

	}

	private final Reason reason;

	private final transient X509Certificate certificate;

	ClientCertificateException(Reason reason, X509Certificate certificate) {
		super("Client certificate refused: " + reason + " (" + ClientCertificates.id(certificate) + ")");
		this.reason = reason;
		this.certificate = certificate;
	}

	public Reason reason() {
		return this.reason;
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

}
