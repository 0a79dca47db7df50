package dev.gatehouse.gateway.certificate;

import java.security.cert.X509Certificate;

import dev.gatehouse.gateway.certificate.ClientCertificateProperties.Partner;
import dev.gatehouse.gateway.partner.PartnerAuthentication;

/** A partner identified by the client certificate of its TLS connection. */
final class ClientCertificateAuthentication extends PartnerAuthentication {

	private final transient X509Certificate certificate;

	ClientCertificateAuthentication(X509Certificate certificate, Partner partner) {
		super(partner.partner(), partner.plan(), partner.routes());
		this.certificate = certificate;
	}

	@Override
	public Object getCredentials() {
		return this.certificate;
	}

	public String subject() {
		return this.certificate.getSubjectX500Principal().getName();
	}

	@Override
	public String credentialId() {
		return ClientCertificates.id(this.certificate);
	}

}
