package dev.gatehouse.gateway.web;

import java.net.InetAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * Facts about an exchange that filters learn and the access log reports. Exchange
 * attributes are shared by every wrapper of the exchange, so a filter outside Spring
 * Security can read what an authentication step recorded inside it.
 */
public final class GatewayAttributes {

	/** The client's address after trusted-proxy resolution ({@link InetAddress}). */
	public static final String CLIENT_ADDRESS = "gatehouse.clientAddress";

	/** Who the gateway authenticated: user name, partner or Basic user. */
	public static final String CALLER = "gatehouse.caller";

	/**
	 * The partner credential presented, named without its secret: {@code api-key:<id>},
	 * {@code certificate:<serial>}.
	 */
	public static final String CREDENTIAL = "gatehouse.credential";

	/**
	 * The confirmation methods of the request's sender-constrained token ({@code cnf}
	 * members) that a filter checked against the proof this request carries, e.g.
	 * {@code x5t#S256} against the TLS client certificate ({@code Set<String>}; see
	 * {@code VerifiedBindings}).
	 */
	public static final String VERIFIED_CONFIRMATIONS = "gatehouse.verifiedConfirmations";

	/**
	 * The origin the client addressed, e.g. {@code https://api.example.com:8443}, from a
	 * trusted proxy's forwarding headers or else the listener and {@code Host}
	 * ({@code PublicOrigin}).
	 */
	public static final String PUBLIC_ORIGIN = "gatehouse.publicOrigin";

	private GatewayAttributes() {
	}

	public static String clientAddress(ServerWebExchange exchange) {
		InetAddress client = exchange.getAttribute(CLIENT_ADDRESS);
		if (client != null) {
			return client.getHostAddress();
		}
		return (exchange.getRequest().getRemoteAddress() != null
				&& exchange.getRequest().getRemoteAddress().getAddress() != null)
						? exchange.getRequest().getRemoteAddress().getAddress().getHostAddress() : "unknown";
	}

	/** Whether the request arrived on the TLS listener. */
	public static boolean overTls(ServerWebExchange exchange) {
		return exchange.getRequest().getSslInfo() != null;
	}

}
