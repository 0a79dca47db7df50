package dev.gatehouse.gateway.certificate;

import java.security.KeyStore;
import java.time.Clock;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.gatehouse.gateway.tls.TlsProperties;

/** Partner client certificates: the TLS listener's trust store decides the CAs, this the rest. */
@Configuration(proxyBeanMethods = false)
public class ClientCertificateConfiguration {

	@Bean
	ClientCertificateAuthenticationManager clientCertificateAuthenticationManager(
			ClientCertificateProperties properties, TlsProperties tls, SslBundles bundles, Clock clock) {
		RevocationList revocations = null;
		if (properties.getCrl() != null) {
			KeyStore trusted = bundles.getBundle(tls.getBundle()).getStores().getTrustStore();
			if (trusted == null) {
				throw new IllegalStateException("gatehouse.gateway.client-certificates.crl is set, but the SSL bundle '"
						+ tls.getBundle() + "' has no trust store to verify it with");
			}
			revocations = new RevocationList(properties.getCrl(), trusted, properties.getCrlRefresh(), clock);
		}
		return new ClientCertificateAuthenticationManager(properties, revocations);
	}

}
