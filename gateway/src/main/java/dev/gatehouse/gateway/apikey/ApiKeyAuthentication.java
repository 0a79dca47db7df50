package dev.gatehouse.gateway.apikey;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import dev.gatehouse.gateway.apikey.ApiKeyProperties.Entry;

/**
 * A partner identified by an API key. Before authentication it holds the presented key as its
 * credentials; afterwards only the configured entry (id, partner, plan, routes), never the key.
 * Its authorities name the partner and the plan ({@code partner:acme}, {@code plan:gold}).
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final transient String presentedKey;

	private final transient Entry key;

	private ApiKeyAuthentication(String presentedKey, Entry key) {
		super((key != null) ? AuthorityUtils.createAuthorityList("partner:" + key.partner(), "plan:" + key.plan())
				: AuthorityUtils.NO_AUTHORITIES);
		this.presentedKey = presentedKey;
		this.key = key;
		setAuthenticated(key != null);
	}

	static ApiKeyAuthentication unauthenticated(String presentedKey) {
		return new ApiKeyAuthentication(presentedKey, null);
	}

	static ApiKeyAuthentication authenticated(Entry key) {
		return new ApiKeyAuthentication(null, key);
	}

	/** The partner once authenticated; a placeholder before, so that nothing prints the key. */
	@Override
	public Object getPrincipal() {
		return (this.key != null) ? this.key.partner() : "api-key";
	}

	@Override
	public Object getCredentials() {
		return this.presentedKey;
	}

	public String keyId() {
		return this.key.id();
	}

	public List<String> routes() {
		return this.key.routes();
	}

}
