package dev.gatehouse.gateway.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;

/**
 * Finds the client's address. A request from a trusted proxy carries the chain of
 * addresses it saw; reading that chain from the right, the first address that is not a
 * trusted proxy is the client (entries further left were written by the client itself and
 * prove nothing). A request from anyone else is taken at its peer address, whatever
 * headers it carries.
 */
class ClientAddresses {

	private final List<Cidr.Block> trustedProxies;

	ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(Cidr::block).toList();
	}

	public boolean isTrustedProxy(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((block) -> block.contains(address));
	}

	/** The client for a request that came from {@code peer} with these headers. */
	public InetAddress client(InetAddress peer, HttpHeaders headers) {
		if (!isTrustedProxy(peer)) {
			return peer;
		}
		List<String> hops = forwardedFor(headers);
		InetAddress client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = Cidr.parseLiteral(hops.get(i));
			if (hop == null) {
				// A value a trusted proxy passed on but that is no address: trust stops
				// here.
				return client;
			}
			client = hop;
			if (!isTrustedProxy(hop)) {
				return hop;
			}
		}
		return client;
	}

	/**
	 * Addresses from {@code X-Forwarded-For}, else from the {@code for} parameters of
	 * {@code Forwarded}.
	 */
	static List<String> forwardedFor(HttpHeaders headers) {
		List<String> hops = new ArrayList<>();
		List<String> xff = headers.get("X-Forwarded-For");
		if (xff != null && !xff.isEmpty()) {
			xff.forEach((value) -> {
				for (String hop : value.split(",")) {
					hops.add(stripPort(hop.trim()));
				}
			});
			return hops;
		}
		List<String> forwarded = headers.get("Forwarded");
		if (forwarded != null) {
			forwarded.forEach((value) -> {
				for (String element : value.split(",")) {
					for (String pair : element.split(";")) {
						String[] parts = pair.trim().split("=", 2);
						if (parts.length == 2 && parts[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
							hops.add(stripPort(unquote(parts[1].trim())));
						}
					}
				}
			});
		}
		return hops;
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	/** {@code [2001:db8::1]:443} and {@code 192.0.2.1:443} to the bare address. */
	private static String stripPort(String hop) {
		if (hop.startsWith("[")) {
			int end = hop.indexOf(']');
			return (end > 0) ? hop.substring(1, end) : hop;
		}
		int colon = hop.indexOf(':');
		if (colon > 0 && colon == hop.lastIndexOf(':')) {
			return hop.substring(0, colon);
		}
		return hop;
	}

}
