package dev.gatehouse.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Keycloak's realm in tests: a real RSA key pair and a real JWKS endpoint
 * on a free local port, at Keycloak's paths, so tokens go through the service's real
 * decoder, validators and claim converter. The real Keycloak is exercised by the
 * end-to-end tests.
 */
public final class TestIssuer implements AutoCloseable {

	public static final String AUDIENCE = "gatehouse-api";

	private final HttpServer server;

	private final RSAKey signingKey;

	private final AtomicInteger keySetRequests = new AtomicInteger();

	private volatile JWKSet published;

	private TestIssuer(HttpServer server, RSAKey signingKey) {
		this.server = server;
		this.signingKey = signingKey;
		this.published = new JWKSet(signingKey.toPublicJWK());
	}

	private static TestIssuer shared;

	/**
	 * One issuer for the whole test JVM, started on first use and stopped when the JVM
	 * exits.
	 */
	public static synchronized TestIssuer shared() {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/** Starts an issuer on a free loopback port. */
	public static TestIssuer start() {
		return start(0);
	}

	/**
	 * Starts an issuer on the given loopback port, e.g. one a service was told about
	 * while it was down.
	 */
	public static TestIssuer start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			TestIssuer issuer = new TestIssuer(server, newKey());
			server.createContext("/realms/gatehouse/protocol/openid-connect/certs", (exchange) -> {
				issuer.keySetRequests.incrementAndGet();
				byte[] body = issuer.published.toString().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return issuer;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the test issuer", ex);
		}
	}

	/**
	 * A fresh RSA signing key with its own key id, as a second realm or an attacker would
	 * have.
	 */
	public static RSAKey newKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The {@code iss} this issuer's tokens carry. */
	public String issuerUri() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/realms/gatehouse";
	}

	public String jwkSetUri() {
		return issuerUri() + "/protocol/openid-connect/certs";
	}

	public RSAKey signingKey() {
		return this.signingKey;
	}

	/** Replaces the published key set, as a key rotation at the issuer does. */
	public void publish(RSAKey... keys) {
		this.published = new JWKSet(Arrays.stream(keys).<JWK>map(RSAKey::toPublicJWK).toList());
	}

	/** How often the key set was fetched, to show caching. */
	public int keySetRequests() {
		return this.keySetRequests.get();
	}

	/** A token for a demo persona, shaped as Keycloak issues it. */
	public TokenBuilder token(Persona persona) {
		return new TokenBuilder(this, persona.username(), persona.realmRoles()).authorizedParty("gatehouse-web");
	}

	/**
	 * A client-credentials token for a confidential client, shaped as Keycloak issues it.
	 */
	public TokenBuilder clientToken(String clientId, String... realmRoles) {
		return new TokenBuilder(this, "service-account-" + clientId, List.of(realmRoles)).authorizedParty(clientId);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
