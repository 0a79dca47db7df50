package dev.gatehouse.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import dev.gatehouse.bench.jmh.BenchmarkState;
import dev.gatehouse.test.TestIssuer;

/**
 * Decoding a bearer token's payload and signature, the Base64url work of every
 * verification: with Nimbus's constant-time decoder (what the processor did before) and
 * with the JDK's ({@link JdkBase64URL}, what it does now). In the starter's package: the
 * class is package-private. The token is shaped like Keycloak's client-credentials token
 * of {@code JwtBenchmarks}.
 */
public class TokenPartsBenchmarks extends BenchmarkState {

	private TestIssuer issuer;

	private String payload;

	private String signature;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.issuer = TestIssuer.start();
		String token = this.issuer.clientToken("reporting-batch", "customer:read", "policy:read")
			.claim("exp", Date.from(Instant.now().plus(Duration.ofHours(6))))
			.claim("resource_access", Map.of("account", Map.of("roles", List.of("view-profile"))))
			.build();
		Base64URL[] parts = SignedJWT.parse(token).getParsedParts();
		this.payload = parts[1].toString();
		this.signature = parts[2].toString();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.issuer.close();
	}

	@Benchmark
	public void nimbusDecoder(Blackhole sink) {
		sink.consume(new Base64URL(this.payload).decodeToString());
		sink.consume(new Base64URL(this.signature).decode());
	}

	@Benchmark
	public void jdkDecoder(Blackhole sink) {
		sink.consume(JdkBase64URL.of(this.payload).decodeToString());
		sink.consume(JdkBase64URL.of(this.signature).decode());
	}

}
