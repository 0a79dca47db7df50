package dev.gatehouse.gateway.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrTests {

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/8", "192.168.1.1", "0.0.0.0/0", "::1/128", "2001:db8::/32", "fc00::/7", "::/0" })
	void acceptsAddressesAndBlocks(String cidr) {
		assertThat(Cidr.isValid(cidr)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "example.com/8", "10.0.0.0/33", "2001:db8::/129", "300.1.1.1", "1.2.3",
			"10.0.0.0/x", "" })
	void refusesAnythingElseWithoutResolvingNames(String cidr) {
		assertThat(Cidr.isValid(cidr)).isFalse();
	}

	@ParameterizedTest(name = "{1} in {0}: {2}")
	@CsvSource({ "10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false", "192.168.1.0/25, 192.168.1.127, true",
			"192.168.1.0/25, 192.168.1.128, false", "2001:db8:bad::/48, 2001:db8:bad:ffff::1, true",
			"2001:db8:bad::/48, 2001:db8:bae::1, false", "::1/128, ::1, true", "127.0.0.0/8, ::1, false",
			"::/0, 127.0.0.1, false", "0.0.0.0/0, ::1, false", "fc00::/7, fdff::1, true", "fc00::/7, fe00::1, false" })
	void blocksContainTheirOwnFamilyOnly(String block, String address, boolean contained) {
		assertThat(Cidr.block(block).contains(Cidr.parseLiteral(address))).isEqualTo(contained);
	}

	@Test
	void aBadBlockFailsLoudly() {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.block("intranet"));
	}

}
