package dev.gatehouse.gateway.certificate;

import java.security.KeyStore;
import java.time.Clock;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.authentication.preauth.x509.SubjectX500PrincipalExtractor;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerX509AuthenticationConverter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;

import dev.gatehouse.gateway.partner.PartnerRouteAuthorizationManager;
import dev.gatehouse.gateway.security.SecurityChains;
import dev.gatehouse.gateway.tls.HttpsRequiredFilter;
import dev.gatehouse.gateway.tls.TlsListener;
import dev.gatehouse.gateway.tls.TlsProperties;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Partner client certificates: the TLS listener's trust store decides the CAs, this the
 * rest.
 */
@Configuration(proxyBeanMethods = false)
class ClientCertificateConfiguration {

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

	/**
	 * Partner systems by client certificate on {@code /partner/mtls/**}, on the TLS
	 * listener only. The handshake already refused certificates that do not chain to a
	 * trusted partner CA or are expired; here: revocation, the subject's partner, and its
	 * routes. Spring Security's X.509 converter takes the certificate from the
	 * connection, never from a header.
	 */
	@Bean
	@Order(SecurityChains.CLIENT_CERTIFICATES)
	SecurityWebFilterChain clientCertificateChain(ServerHttpSecurity http,
			ClientCertificateAuthenticationManager manager, TlsListener tls, ReactiveProblemResponses responses,
			SecurityAudit audit) {
		ClientCertificateProblems problems = new ClientCertificateProblems(responses, audit);
		AuthenticationWebFilter certificates = new AuthenticationWebFilter(manager);
		certificates.setServerAuthenticationConverter(
				new ServerX509AuthenticationConverter(new SubjectX500PrincipalExtractor()));
		certificates.setAuthenticationFailureHandler(problems);
		return SecurityChains.stateless(http)
			.securityMatcher(new PathPatternParserServerWebExchangeMatcher("/partner/mtls/**"))
			.addFilterAt(new HttpsRequiredFilter(tls::port, responses, audit), SecurityWebFiltersOrder.FIRST)
			.addFilterAt(certificates, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/partner/mtls/**")
				.access(new PartnerRouteAuthorizationManager())
				.anyExchange()
				.denyAll())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(SecurityChains.callerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

}
