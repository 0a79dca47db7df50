package dev.gatehouse.gateway.network;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Who the client is (behind trusted proxies), where it may call from, and what the
 * backend is told of it.
 */
@Configuration(proxyBeanMethods = false)
class NetworkConfiguration {

	@Bean
	ClientAddresses clientAddresses(NetworkProperties properties) {
		return new ClientAddresses(properties.getTrustedProxies());
	}

	@Bean
	ClientAddressFilter clientAddressFilter(ClientAddresses addresses) {
		return new ClientAddressFilter(addresses);
	}

	@Bean
	IpAccessFilter ipAccessFilter(NetworkProperties properties, ReactiveProblemResponses responses,
			SecurityAudit audit) {
		return new IpAccessFilter(properties, responses, audit);
	}

	@Bean
	ForwardedForHeadersFilter forwardedForHeadersFilter() {
		return new ForwardedForHeadersFilter();
	}

}
