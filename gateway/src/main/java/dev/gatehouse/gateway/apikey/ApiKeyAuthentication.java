package dev.gatehouse.gateway.apikey;

import dev.gatehouse.gateway.partner.PartnerAuthentication;

/**
 * A partner identified by an API key. Before authentication it holds the presented key as
 * its credentials; afterwards only the stored key's id, partner, plan and routes, never
 * the key.
 */
final class ApiKeyAuthentication extends PartnerAuthentication {

	private final transient String presentedKey;

	private final String keyId;

	private ApiKeyAuthentication(String presentedKey) {
		this.presentedKey = presentedKey;
		this.keyId = null;
	}

	private ApiKeyAuthentication(ApiKey key) {
		super(key.partner(), key.plan(), key.routes());
		this.presentedKey = null;
		this.keyId = key.id();
	}

	static ApiKeyAuthentication unauthenticated(String presentedKey) {
		return new ApiKeyAuthentication(presentedKey);
	}

	static ApiKeyAuthentication authenticated(ApiKey key) {
		return new ApiKeyAuthentication(key);
	}

	@Override
	public Object getCredentials() {
		return this.presentedKey;
	}

	public String keyId() {
		return this.keyId;
	}

	@Override
	public String credentialId() {
		return "api-key:" + this.keyId;
	}

}
