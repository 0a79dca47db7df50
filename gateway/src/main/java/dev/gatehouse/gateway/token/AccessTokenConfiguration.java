package dev.gatehouse.gateway.token;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;

import dev.gatehouse.gateway.binding.UnverifiedBindingFilter;
import dev.gatehouse.gateway.certificate.CertificateBoundTokenFilter;
import dev.gatehouse.gateway.certificate.ClientCertificateAuthenticationManager;
import dev.gatehouse.gateway.dpop.DpopAuthentication;
import dev.gatehouse.gateway.security.SecurityChains;
import dev.gatehouse.security.SenderConstraints;
import dev.gatehouse.security.reactive.ReactiveResourceServerCustomizer;

/**
 * Access tokens on {@code /api/**}: Bearer JWTs with the starter's decoder, role mapping,
 * rules and problems; certificate-bound tokens checked against the connection's
 * certificate, DPoP-bound tokens against their proof with {@code Authorization: DPoP},
 * and any other sender-constrained token refused.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenConfiguration {

	@Bean
	@Order(SecurityChains.ACCESS_TOKENS)
	SecurityWebFilterChain accessTokenChain(ServerHttpSecurity http, ReactiveResourceServerCustomizer resourceServer,
			ServerAuthenticationEntryPoint entryPoint, ClientCertificateAuthenticationManager certificates,
			DpopAuthentication dpop) {
		Set<String> verifiedBindings = dpop.isEnabled()
				? Set.of(SenderConstraints.CERTIFICATE_THUMBPRINT, SenderConstraints.KEY_THUMBPRINT)
				: Set.of(SenderConstraints.CERTIFICATE_THUMBPRINT);
		// The starter's resource server (rules, decoder, converter, entry point,
		// handlers), undecorated:
		// bindings are verified by the filters below.
		resourceServer.customize(SecurityChains.stateless(http)
			.securityMatcher(new PathPatternParserServerWebExchangeMatcher("/api/**")));
		return http
			// Authorization: DPoP <token> with its proof (RFC 9449); Bearer tokens go to
			// the resource server's filter.
			.addFilterAt(dpop.filter(), SecurityWebFiltersOrder.AUTHENTICATION)
			.addFilterAfter(new CertificateBoundTokenFilter(entryPoint, certificates::isRevokedOrUnknown),
					SecurityWebFiltersOrder.AUTHENTICATION)
			// After every filter that verifies a kind of binding: what none verified is
			// refused.
			.addFilterBefore(new UnverifiedBindingFilter(entryPoint, verifiedBindings, dpop::refuseBoundTokenAsBearer),
					SecurityWebFiltersOrder.AUTHORIZATION)
			.addFilterBefore(SecurityChains.callerRecorder(), SecurityWebFiltersOrder.AUTHORIZATION)
			.build();
	}

}
