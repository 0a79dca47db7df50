package dev.gatehouse.gateway.network;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who the client is and where it may come from, under {@code gatehouse.gateway.network}.
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.network")
public class NetworkProperties {

	/**
	 * Addresses (CIDR, IPv4 or IPv6) of reverse proxies in front of the gateway. Only a
	 * peer in this list may tell the client's address in {@code X-Forwarded-For} or
	 * {@code Forwarded}; from anyone else those headers are ignored and removed. Empty:
	 * the peer is the client.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * Address rules by path, first matching pattern wins; a path no rule names is open to
	 * all.
	 */
	@Valid
	private List<IpRule> ipRules = new ArrayList<>();

	@AssertTrue(
			message = "gatehouse.gateway.network: every trusted proxy and ip rule entry must be an IPv4 or IPv6 address or CIDR block")
	public boolean isAddressesValid() {
		List<String> all = new ArrayList<>(this.trustedProxies);
		this.ipRules.forEach((rule) -> {
			all.addAll(rule.allowOrNone());
			all.addAll(rule.denyOrNone());
		});
		return all.stream().allMatch(Cidr::isValid);
	}

	/**
	 * @param pattern path pattern, e.g. {@code /internal/**}
	 * @param allow when not empty, only these blocks may call the path
	 * @param deny these blocks may never call the path (checked first)
	 */
	public record IpRule(@NotBlank String pattern, List<String> allow, List<String> deny) {

		public List<String> allowOrNone() {
			return (this.allow != null) ? this.allow : List.of();
		}

		public List<String> denyOrNone() {
			return (this.deny != null) ? this.deny : List.of();
		}

	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public List<IpRule> getIpRules() {
		return this.ipRules;
	}

	public void setIpRules(List<IpRule> ipRules) {
		this.ipRules = ipRules;
	}

}
