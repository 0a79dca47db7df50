package dev.gatehouse.security;

import java.util.regex.Pattern;

/**
 * How the gateway tells a service who called, for callers whose proof the service cannot
 * see itself. The gateway calls with its own client-credentials token (its {@code azp} is
 * {@code gatehouse.security.gateway-client-id}) and adds one of these headers; a service
 * believes them only beside that token, and the gateway removes every header with the
 * brand's prefix ({@code gatehouse.brand.header-prefix}, {@code X-Gatehouse-} by default)
 * a client sends, so no one else can set them (in the {@code secure} profile the service
 * also admits only the gateway's client certificate). The names below follow the prefix.
 * <ul>
 * <li>{@link #boundTokenHeader()} ({@code X-Gatehouse-Bound-Token}): the caller's own
 * sender-constrained access token, after the gateway verified its binding (the client
 * certificate of the TLS connection for {@code cnf.x5t#S256}; a DPoP proof for
 * {@code cnf.jkt}). The service validates it like any token (signature, issuer, audience,
 * expiry) and it becomes the caller, with its own roles and claims: only the proof of
 * possession, which the service cannot see, is taken on the gateway's word.</li>
 * <li>{@link #partnerHeader()} ({@code X-Gatehouse-Partner}): a partner the gateway
 * authenticated by API key or client certificate, which become the authority
 * {@code partner:<name>} beside the gateway's own.</li>
 * <li>{@link #callerHeader()} ({@code X-Gatehouse-Caller}): an operator the gateway
 * authenticated by HTTP Basic.</li>
 * </ul>
 */
public final class GatewayVouching {

	/** The names after the brand's header prefix. */
	public static final String BOUND_TOKEN = "Bound-Token";

	public static final String PARTNER = "Partner";

	public static final String CALLER = "Caller";

	/**
	 * The authority a partner identity has, e.g. {@code partner:acme}, whether from a
	 * header or a token's {@code partner} claim.
	 */
	public static final String PARTNER_AUTHORITY_PREFIX = "partner:";

	/**
	 * Identities are short names; anything else did not come from the gateway and must
	 * not reach the logs.
	 */
	private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

	private GatewayVouching() {
	}

	public static String boundTokenHeader() {
		return Brand.current().header(BOUND_TOKEN);
	}

	public static String partnerHeader() {
		return Brand.current().header(PARTNER);
	}

	public static String callerHeader() {
		return Brand.current().header(CALLER);
	}

	public static boolean isIdentity(String value) {
		return value != null && IDENTITY.matcher(value).matches();
	}

}
