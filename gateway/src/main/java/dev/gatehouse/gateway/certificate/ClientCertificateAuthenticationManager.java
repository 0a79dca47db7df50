package dev.gatehouse.gateway.certificate;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;

import dev.gatehouse.gateway.certificate.ClientCertificateException.Reason;
import dev.gatehouse.gateway.certificate.ClientCertificateProperties.Partner;

/**
 * Takes a certificate the TLS handshake already verified (chains to a trusted partner CA,
 * within its validity period) and checks what the handshake does not: revocation, and
 * that its subject is a configured partner. Spring Security's X.509 support extracts a
 * principal name and loads a user; a partner's routes, plan and revocation status are
 * what this adds.
 */
public class ClientCertificateAuthenticationManager implements ReactiveAuthenticationManager {

	private final Map<X500Principal, Partner> partners;

	private final RevocationList revocations;

	ClientCertificateAuthenticationManager(ClientCertificateProperties properties, RevocationList revocations) {
		this.partners = properties.getPartners()
			.stream()
			.collect(Collectors.toUnmodifiableMap((partner) -> new X500Principal(partner.subject()),
					Function.identity()));
		this.revocations = revocations;
	}

	/**
	 * Whether the certificate is revoked, or its status cannot be confirmed (fail
	 * closed); false without a CRL.
	 */
	public boolean isRevokedOrUnknown(X509Certificate certificate) {
		return this.revocations != null && this.revocations.status(certificate) != RevocationList.Status.GOOD;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		X509Certificate certificate = (X509Certificate) authentication.getCredentials();
		if (this.revocations != null) {
			switch (this.revocations.status(certificate)) {
				case REVOKED -> {
					return Mono.error(new ClientCertificateException(Reason.REVOKED, certificate));
				}
				case UNKNOWN -> {
					return Mono.error(new ClientCertificateException(Reason.REVOCATION_UNKNOWN, certificate));
				}
				case GOOD -> {
				}
			}
		}
		Partner partner = this.partners.get(certificate.getSubjectX500Principal());
		if (partner == null) {
			return Mono.error(new ClientCertificateException(Reason.NOT_REGISTERED, certificate));
		}
		return Mono.just(new ClientCertificateAuthentication(certificate, partner));
	}

}
