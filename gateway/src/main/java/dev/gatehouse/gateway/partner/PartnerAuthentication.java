package dev.gatehouse.gateway.partner;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A partner system the gateway authenticated itself, by API key or by client certificate.
 * Both kinds get the same treatment from here on: the routes the credential covers, the
 * partner's plan for limits and quotas, the partner's name for the backend
 * ({@code X-Gatehouse-Partner}). Its authorities name the partner and the plan
 * ({@code partner:acme}, {@code plan:gold}).
 */
public abstract class PartnerAuthentication extends AbstractAuthenticationToken {

	private final String partner;

	private final String plan;

	private final List<String> routes;

	/** An authenticated partner. */
	protected PartnerAuthentication(String partner, String plan, List<String> routes) {
		super(AuthorityUtils.createAuthorityList("partner:" + partner, "plan:" + plan));
		this.partner = partner;
		this.plan = plan;
		this.routes = List.copyOf(routes);
		setAuthenticated(true);
	}

	/** A credential presented, not yet checked. */
	protected PartnerAuthentication() {
		super(AuthorityUtils.NO_AUTHORITIES);
		this.partner = null;
		this.plan = null;
		this.routes = List.of();
	}

	/**
	 * The partner once authenticated; a placeholder before, so that nothing prints the
	 * credential.
	 */
	@Override
	public Object getPrincipal() {
		return (this.partner != null) ? this.partner : "partner";
	}

	public String plan() {
		return this.plan;
	}

	/** Path patterns this credential may call, e.g. {@code /partner/v1/policies/**}. */
	public List<String> routes() {
		return this.routes;
	}

	/**
	 * Names the credential in logs and problems without revealing it:
	 * {@code api-key:acme-demo}, {@code certificate:<serial>}.
	 */
	public abstract String credentialId();

}
