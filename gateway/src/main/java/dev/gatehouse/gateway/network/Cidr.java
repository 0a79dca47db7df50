package dev.gatehouse.gateway.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Address literals and CIDR blocks. Text is parsed only when it is an address literal, so
 * a header value can never make the gateway resolve a host name.
 */
final class Cidr {

	private static final Pattern IPV4 = Pattern
		.compile("^(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$");

	private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

	private Cidr() {
	}

	/**
	 * The address a literal denotes, or null when the text is not an IPv4 or IPv6
	 * literal.
	 */
	static InetAddress parseLiteral(String text) {
		if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
			return null;
		}
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	static boolean isValid(String cidr) {
		if (cidr == null) {
			return false;
		}
		int slash = cidr.indexOf('/');
		String address = (slash < 0) ? cidr : cidr.substring(0, slash);
		InetAddress parsed = parseLiteral(address);
		if (parsed == null) {
			return false;
		}
		if (slash < 0) {
			return true;
		}
		try {
			int bits = Integer.parseInt(cidr.substring(slash + 1));
			return bits >= 0 && bits <= parsed.getAddress().length * 8;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	static Block block(String cidr) {
		if (!isValid(cidr)) {
			throw new IllegalArgumentException("Not an IP address or CIDR block: " + cidr);
		}
		int slash = cidr.indexOf('/');
		InetAddress network = parseLiteral((slash < 0) ? cidr : cidr.substring(0, slash));
		int bits = (slash < 0) ? network.getAddress().length * 8 : Integer.parseInt(cidr.substring(slash + 1));
		return new Block(network.getAddress(), bits);
	}

	/**
	 * A CIDR block. An IPv4 address never matches an IPv6 block or the reverse
	 * (IPv4-mapped IPv6 literals are IPv4 addresses in Java), as in Spring Security's
	 * {@code IpAddressMatcher}, whose servlet overloads a reactive application cannot
	 * compile against.
	 */
	record Block(byte[] network, int bits) {

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int whole = this.bits / 8;
			for (int i = 0; i < whole; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (candidate[whole] & mask) == (this.network[whole] & mask);
		}

	}

}
