package dev.gatehouse.gateway.certificate;

import java.security.cert.X509Certificate;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.web.server.ServerWebExchange;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.partner.PartnerAuthentication;
import dev.gatehouse.gateway.partner.PartnerProblems;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.Challenges;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The answers of the client-certificate routes once the handshake is done (an untrusted
 * or expired certificate never gets this far: the TLS layer refuses the handshake). 401
 * with a {@code ClientCertificate} challenge when none was presented, or it is revoked,
 * its revocation status is unknown, or no partner is configured for it; 403 on a route it
 * does not cover.
 */
class ClientCertificateProblems extends PartnerProblems {

	/**
	 * Not a registered HTTP scheme: RFC 9110 requires a challenge with 401, and this one
	 * names what is missing.
	 */
	public static final String CHALLENGE = "ClientCertificate";

	ClientCertificateProblems(ReactiveProblemResponses responses, SecurityAudit audit) {
		super(responses, audit, ClientCertificateAuthentication.class, GatewayProblem.CERTIFICATE_ROUTE_NOT_COVERED);
	}

	@Override
	protected String describe(PartnerAuthentication credential) {
		return "The client certificate '" + ((ClientCertificateAuthentication) credential).subject() + "'";
	}

	/** No certificate on the connection. */
	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		audit(exchange, GatewayProblem.MISSING_CLIENT_CERTIFICATE, null);
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		return write(exchange, GatewayProblem.MISSING_CLIENT_CERTIFICATE.with(
				"This API requires a client certificate issued to your organisation by the Gatehouse partner CA: present it in the TLS handshake."));
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		if (!(failure instanceof ClientCertificateException refused)) {
			return commence(exchange, failure);
		}
		X509Certificate certificate = refused.certificate();
		String id = ClientCertificates.id(certificate);
		exchange.getAttributes().put(GatewayAttributes.CREDENTIAL, id);
		String subject = certificate.getSubjectX500Principal().getName();
		GatewayProblem kind = switch (refused.reason()) {
			case REVOKED -> GatewayProblem.REVOKED_CLIENT_CERTIFICATE;
			case REVOCATION_UNKNOWN -> GatewayProblem.CERTIFICATE_REVOCATION_UNKNOWN;
			case NOT_REGISTERED -> GatewayProblem.UNREGISTERED_CLIENT_CERTIFICATE;
		};
		String detail = switch (refused.reason()) {
			case REVOKED ->
				"The client certificate '" + subject + "' (serial " + certificate.getSerialNumber().toString(16)
						+ ") has been revoked: use your current certificate or ask for a new one.";
			case REVOCATION_UNKNOWN ->
				"The gateway cannot confirm that the client certificate is not revoked right now; try again later.";
			case NOT_REGISTERED -> "No partner is registered for the client certificate '" + subject
					+ "': ask for the certificate's subject to be registered, or use the certificate issued to you.";
		};
		audit(exchange, kind, id);
		exchange.getResponse()
			.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + " error=\"invalid_certificate\", error_description=\""
					+ Challenges.quotable(detail) + "\"");
		ProblemDetail problem = kind.with(detail);
		return write(exchange, problem);
	}

}
