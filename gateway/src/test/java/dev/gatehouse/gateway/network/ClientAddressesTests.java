package dev.gatehouse.gateway.network;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8"));

	static InetAddress ip(String literal) {
		return Cidr.parseLiteral(literal);
	}

	static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(name, value);
		return headers;
	}

	@Test
	void untrustedPeerIsTheClientWhateverItClaims() {
		assertThat(this.addresses.client(ip("192.0.2.1"), headers("X-Forwarded-For", "10.0.0.1")))
			.isEqualTo(ip("192.0.2.1"));
	}

	@ParameterizedTest(name = "{0}: {1} -> {2}")
	@CsvSource(delimiter = '|', value = { "X-Forwarded-For | 198.51.100.7 | 198.51.100.7",
			"X-Forwarded-For | '203.0.113.1, 198.51.100.7' | 198.51.100.7",
			"X-Forwarded-For | '198.51.100.7, 10.1.1.1, 10.2.2.2' | 198.51.100.7",
			"X-Forwarded-For | '10.1.1.1, 10.2.2.2' | 10.1.1.1", "X-Forwarded-For | 198.51.100.7:5555 | 198.51.100.7",
			"X-Forwarded-For | 2001:db8::9 | 2001:db8::9", "X-Forwarded-For | '198.51.100.7, unknown' | 10.0.0.2",
			"X-Forwarded-For | 'example.com' | 10.0.0.2", "Forwarded | for=198.51.100.7 | 198.51.100.7",
			"Forwarded | 'for=\"[2001:db8::9]:443\";proto=https' | 2001:db8::9",
			"Forwarded | 'for=203.0.113.1, for=198.51.100.7;by=10.0.0.2' | 198.51.100.7",
			"Forwarded | for=_hidden | 10.0.0.2" })
	void trustedProxyTellsTheClientAsTheRightmostUntrustedHop(String header, String value, String client) {
		assertThat(this.addresses.client(ip("10.0.0.2"), headers(header, value))).isEqualTo(ip(client));
	}

	@Test
	void xForwardedForWinsOverForwarded() {
		HttpHeaders headers = headers("X-Forwarded-For", "198.51.100.7");
		headers.add("Forwarded", "for=203.0.113.1");
		assertThat(this.addresses.client(ip("fd00::1"), headers)).isEqualTo(ip("198.51.100.7"));
	}

	@Test
	void trustedProxyWithoutHeadersIsTheClient() {
		assertThat(this.addresses.client(ip("10.0.0.2"), new HttpHeaders())).isEqualTo(ip("10.0.0.2"));
	}

}
