package dev.gatehouse.gateway.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.gateway.binding.VerifiedBindings;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.SenderConstraints;

/**
 * RFC 8705 certificate-bound access tokens: a token whose {@code cnf} claim carries
 * {@code x5t#S256} is accepted only on a TLS connection presenting that very certificate,
 * so a stolen token is useless without the client's private key. Tokens without
 * {@code cnf} are not affected. Spring Security's
 * {@code X509CertificateThumbprintValidator} does this for servlet applications only (it
 * reads the certificate from the servlet request), so the reactive gateway checks it
 * here, after authentication, and answers like any other invalid token. A verified
 * binding is recorded ({@link VerifiedBindings}): the token then reaches its backend
 * vouched for by the gateway, since the backends cannot repeat this check (their TLS peer
 * is the gateway, not the client) and refuse bound tokens sent to them directly.
 */
public class CertificateBoundTokenFilter implements WebFilter {

	private final ServerAuthenticationEntryPoint entryPoint;

	private final Predicate<X509Certificate> revoked;

	/**
	 * @param revoked whether a certificate is revoked (the partner CA's CRL): it then
	 * binds nothing
	 */
	public CertificateBoundTokenFilter(ServerAuthenticationEntryPoint entryPoint, Predicate<X509Certificate> revoked) {
		this.entryPoint = entryPoint;
		this.revoked = revoked;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((authentication) -> boundThumbprint(((JwtAuthenticationToken) authentication).getToken()))
			.filter((bound) -> !bound.isEmpty())
			.map((bound) -> mismatch(bound, ClientCertificates.of(exchange), this.revoked))
			.doOnNext((mismatch) -> {
				if (mismatch.isEmpty()) {
					VerifiedBindings.verified(exchange, SenderConstraints.CERTIFICATE_THUMBPRINT);
				}
			})
			.defaultIfEmpty("")
			.flatMap((mismatch) -> mismatch.isEmpty() ? chain.filter(exchange) : this.entryPoint.commence(exchange,
					SenderConstraints.failure(Problems.CERTIFICATE_BINDING_MISMATCH, mismatch)));
	}

	/**
	 * The {@code cnf.x5t#S256} thumbprint, or "" when the token is not bound to a
	 * certificate.
	 */
	private static String boundThumbprint(Jwt token) {
		String thumbprint = SenderConstraints.value(token, SenderConstraints.CERTIFICATE_THUMBPRINT);
		return (thumbprint != null) ? thumbprint : "";
	}

	/**
	 * What is wrong, or "" when the presented certificate is the one the token is bound
	 * to.
	 */
	private static String mismatch(String bound, X509Certificate presented, Predicate<X509Certificate> revoked) {
		if (presented == null) {
			return "The access token is bound to a client certificate (RFC 8705): call over TLS presenting that certificate.";
		}
		boolean same = MessageDigest.isEqual(bound.getBytes(StandardCharsets.US_ASCII),
				ClientCertificates.thumbprint(presented).getBytes(StandardCharsets.US_ASCII));
		if (!same) {
			return "The access token is bound to another client certificate than the one presented (RFC 8705).";
		}
		return revoked.test(presented)
				? "The access token is bound to a client certificate that has been revoked: use your current certificate and a new token."
				: "";
	}

}
