package dev.gatehouse.security.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.gatehouse.security.GatewayVouching;
import dev.gatehouse.security.StarterProblem;

/**
 * Runs after the bearer token is authenticated and decides what the service believes
 * beyond it ({@link GatewayVouching}). A sender-constrained token ({@code cnf}) in
 * {@code Authorization} was already refused (401 {@code unverifiable-token-binding}): its
 * proof of possession is the client's TLS certificate or DPoP proof, which a service
 * behind the gateway never sees (Spring Security's
 * {@code X509CertificateThumbprintValidator} would compare the certificate of this
 * service's own connection: the gateway's, or none). Beside the gateway's own token only:
 * <ul>
 * <li>{@code X-Gatehouse-Bound-Token} carries such a token after the gateway verified its
 * binding. It is authenticated here like any bearer token (Spring's
 * {@code JwtAuthenticationProvider} with the service's decoder and claim mapping) and
 * becomes the caller. {@code X-Gatehouse-Partner} adds the authority
 * {@code partner:<name>}.</li>
 * </ul>
 * From any other token these headers are ignored.
 */
class GatewayVouchingFilter extends OncePerRequestFilter {

	private final String gatewayClientId;

	private final AuthenticationProvider boundTokens;

	private final AuthenticationFailureHandler failures;

	private final ProblemResponses responses;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * @param boundTokens authenticates a bearer token as the service's resource server
	 * does
	 * @param failures answers a failed authentication as for the token in
	 * {@code Authorization}
	 */
	public GatewayVouchingFilter(String gatewayClientId, AuthenticationProvider boundTokens,
			AuthenticationFailureHandler failures, ProblemResponses responses) {
		this.gatewayClientId = gatewayClientId;
		this.boundTokens = boundTokens;
		this.failures = failures;
		this.responses = responses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(this.contexts.getContext().getAuthentication() instanceof JwtAuthenticationToken caller)) {
			chain.doFilter(request, response);
			return;
		}
		Authentication believed = caller;
		try {
			if (this.gatewayClientId.equals(caller.getToken().getClaimAsString("azp"))) {
				String bound = request.getHeader(GatewayVouching.boundTokenHeader());
				String partner = request.getHeader(GatewayVouching.partnerHeader());
				if (bound != null) {
					believed = this.boundTokens.authenticate(new BearerTokenAuthenticationToken(bound));
				}
				else if (partner != null) {
					if (!GatewayVouching.isIdentity(partner)) {
						this.responses.write(request, response, invalidIdentity(GatewayVouching.partnerHeader()));
						return;
					}
					believed = withAuthority(caller, GatewayVouching.PARTNER_AUTHORITY_PREFIX + partner);
				}
			}
		}
		catch (AuthenticationException ex) {
			this.contexts.clearContext();
			this.failures.onAuthenticationFailure(request, response, ex);
			return;
		}
		if (believed != caller) {
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(believed);
			this.contexts.setContext(context);
		}
		chain.doFilter(request, response);
	}

	private static JwtAuthenticationToken withAuthority(JwtAuthenticationToken caller, String authority) {
		List<GrantedAuthority> authorities = new ArrayList<>(caller.getAuthorities());
		authorities.add(new SimpleGrantedAuthority(authority));
		return new JwtAuthenticationToken(caller.getToken(), authorities, caller.getName());
	}

	/**
	 * The gateway's token with a header no gateway sends: a gateway fault, not guessed
	 * at.
	 */
	private static ProblemDetail invalidIdentity(String header) {
		ProblemDetail problem = StarterProblem.VALIDATION_FAILED
			.with("The header " + header + " must name the caller the gateway authenticated; it is not a valid name.");
		problem.setProperty("errors",
				List.of(Map.of("field", header, "message", "must name the authenticated caller")));
		return problem;
	}

}
