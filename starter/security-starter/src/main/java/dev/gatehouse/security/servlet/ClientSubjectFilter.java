package dev.gatehouse.security.servlet;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.StarterProblem;
import dev.gatehouse.security.SecurityAudit;

/**
 * In the secure profile the service accepts TLS connections only with a client
 * certificate from its trust store (Spring Boot's {@code server.ssl.client-auth: need});
 * this admits only the subjects listed in
 * {@code gatehouse.security.allowed-client-subjects}, so another internal certificate
 * from the same CA cannot reach the API. Runs before Spring Security: the caller is
 * refused before its token is looked at. Spring Security's {@code x509()} would make the
 * certificate the principal, while here the token stays the principal and the certificate
 * only says which system connects.
 */
class ClientSubjectFilter extends OncePerRequestFilter {

	static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private final Set<X500Principal> allowed;

	private final ProblemResponses responses;

	private final SecurityAudit audit;

	private final ManagementPort managementPort;

	public ClientSubjectFilter(List<String> allowedSubjects, ProblemResponses responses, SecurityAudit audit,
			ManagementPort managementPort) {
		this.allowed = allowedSubjects.stream().map(X500Principal::new).collect(Collectors.toUnmodifiableSet());
		this.responses = responses;
		this.audit = audit;
		this.managementPort = managementPort;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.managementPort.isManagement(request.getLocalPort());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CERTIFICATES_ATTRIBUTE);
		X500Principal subject = (certificates != null && certificates.length > 0)
				? certificates[0].getSubjectX500Principal() : null;
		if (subject != null && this.allowed.contains(subject)) {
			chain.doFilter(request, response);
			return;
		}
		this.audit.denied(403, SecurityAudit.reason(Problems.CLIENT_NOT_ALLOWED),
				(subject != null) ? "certificate:" + subject.getName() : null, request.getMethod(),
				request.getRequestURI(), request.getRemoteAddr());
		this.responses.write(request, response, StarterProblem.CLIENT_NOT_ALLOWED.with(
				"This service accepts calls only from the gateway and the platform's own services: call it through the gateway."));
	}

}
