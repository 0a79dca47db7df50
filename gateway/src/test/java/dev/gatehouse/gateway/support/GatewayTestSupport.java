package dev.gatehouse.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.gateway.GatewayApplication;
import dev.gatehouse.gateway.tls.TlsListener;
import dev.gatehouse.security.test.WithTestIssuer;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real gateway on random ports (HTTP, TLS, management) in front of recording backend
 * stubs, with the shared test issuer's keys ({@link WithTestIssuer}) and a stub token
 * endpoint for the gateway's own token. Every test class extending this shares one
 * application context. The demo profile brings the demo partner certificate; test
 * settings (extra keys, short lockouts, a trusted proxy) are in
 * {@code application-test.yaml}, which comes last and so replaces the demo profile's
 * lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
@Import(GatewayTestSupport.TestBeans.class)
@WithTestIssuer
public abstract class GatewayTestSupport {

	protected static final TestIssuer issuer = TestIssuer.shared();

	protected static final StubBackend customers = StubBackend.start("customer-service");

	protected static final StubBackend policies = StubBackend.start("policy-service");

	protected static final StubTokenEndpoint tokens = StubTokenEndpoint.start(issuer);

	protected static final Path tlsDirectory = temporaryDirectory();

	/**
	 * The trace of the caller in {@link #traceContextReachesTheBackend} and
	 * {@link #refusalNamesTheTrace}.
	 */
	protected static final String CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CALLER_SPAN = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + CALLER_TRACE_ID + "-" + CALLER_SPAN + "-01";

	@DynamicPropertySource
	static void platform(DynamicPropertyRegistry registry) {
		register(registry, platformProperties());
	}

	/** Gives the test's gateway these settings (from a {@link DynamicPropertySource}). */
	protected static void register(DynamicPropertyRegistry registry, Map<String, String> settings) {
		settings.forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * The settings that make a gateway keep its limits, keys and nonces in this Redis (a
	 * map to add a test's own settings to).
	 */
	protected static Map<String, String> redisStore(RedisServer redis) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("gatehouse.gateway.rate-limits.store", "redis");
		settings.put("spring.data.redis.port", Integer.toString(redis.port()));
		return settings;
	}

	/**
	 * What every gateway of these tests is pointed at: the stubs and the TLS directory.
	 */
	private static Map<String, String> platformProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("gatehouse.backends.customer-service", customers.uri());
		properties.put("gatehouse.backends.policy-service", policies.uri());
		properties.put("spring.security.oauth2.client.provider.gatehouse.token-uri", tokens.tokenUri());
		properties.put("GATEHOUSE_GATEWAY_CLIENT_SECRET", StubTokenEndpoint.SECRET);
		properties.put("gatehouse.tls.directory", tlsDirectory.toString());
		return properties;
	}

	/**
	 * A second gateway beside the test's own, on the same stubs and issuer, with the
	 * test's settings: for what replicas share (Redis). Close it after the class.
	 */
	protected static ConfigurableApplicationContext startSecondGateway(Map<String, String> settings) {
		Map<String, String> properties = new LinkedHashMap<>(settings);
		properties.put("server.port", "0");
		properties.put("gatehouse.security.issuer-uri", issuer.issuerUri());
		properties.putAll(platformProperties());
		// As arguments: SpringApplicationBuilder.properties would rank below
		// application.yaml.
		return new SpringApplicationBuilder(GatewayApplication.class).profiles("demo", "test")
			.run(properties.entrySet()
				.stream()
				.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new));
	}

	/** The HTTP port a gateway started by {@link #startSecondGateway} listens on. */
	protected static int port(ConfigurableApplicationContext gateway) {
		return Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected PasswordChecks passwordChecks;

	@LocalManagementPort
	protected int managementPort;

	@Autowired
	protected TlsListener tls;

	@BeforeEach
	void forgetEarlierRequests() {
		customers.clear();
		policies.clear();
	}

	/**
	 * A client calling from 127.0.0.1, which the test configuration does not trust as a
	 * proxy.
	 */
	protected WebTestClient client() {
		return client("http://127.0.0.1:" + this.port);
	}

	/** A client calling from ::1, the trusted proxy of the test configuration. */
	protected WebTestClient viaTrustedProxy() {
		return client("http://[::1]:" + this.port);
	}

	protected static WebTestClient client(String baseUrl) {
		return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(20)).build();
	}

	protected String bearer(String token) {
		return "Bearer " + token;
	}

	/**
	 * A call to policy-service's route with {@code authorization} and the W3C traceparent
	 * of a caller's span in {@link #CALLER_TRACE_ID}: the backend receives the same trace
	 * under the gateway's own span, not the caller's.
	 */
	protected void traceContextReachesTheBackend(String authorization) {
		client().get()
			.uri("/api/policies")
			.header("Authorization", authorization)
			.header("traceparent", TRACEPARENT)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(policies.received().get(0).header("traceparent")).startsWith("00-" + CALLER_TRACE_ID + "-")
			.doesNotContain(CALLER_SPAN);
	}

	/**
	 * The same call without credentials: refused with a problem that names the caller's
	 * trace.
	 */
	protected void refusalNamesTheTrace() {
		client().get()
			.uri("/api/policies")
			.header("traceparent", TRACEPARENT)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.traceId")
			.isEqualTo(CALLER_TRACE_ID);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestBeans {

		@Bean
		static PasswordChecks passwordChecks() {
			return new PasswordChecks();
		}

	}

	private static Path temporaryDirectory() {
		try {
			Path directory = Files.createTempDirectory("gateway-tls");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
