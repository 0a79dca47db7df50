package dev.gatehouse.policy;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.gatehouse.test.TestIssuer;

/**
 * What policy-service talks to, as local stand-ins on free ports: the issuer's token
 * endpoint and customer-service. The issuer's keys are the shared test issuer's: a test
 * class using this also carries {@code @WithTestIssuer}.
 */
final class TestBackends implements AutoCloseable {

	/**
	 * A test-only client secret; the dev one lives in auth-server-config/ and the
	 * launcher.
	 */
	static final String CLIENT_SECRET = "test-secret";

	final TestIssuer issuer = TestIssuer.shared();

	final StubTokenEndpoint tokenEndpoint = StubTokenEndpoint.start(this.issuer);

	final StubCustomerService customerService = StubCustomerService.start();

	void register(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.provider.gatehouse.token-uri", this.tokenEndpoint::uri);
		registry.add("gatehouse.customer-service.uri", this.customerService::uri);
		registry.add("POLICY_SERVICE_CLIENT_SECRET", () -> CLIENT_SECRET);
	}

	@Override
	public void close() {
		this.customerService.close();
		this.tokenEndpoint.close();
	}

}
