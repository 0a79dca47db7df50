package dev.gatehouse.test;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.gatehouse.pki.DevPki;

/**
 * A JDK HTTP client for Gatehouse's TLS listeners, set up as a real client would be: it
 * trusts the dev PKI's internal CA only (no trust-all shortcut: hostname and chain are
 * verified), optionally presents a client certificate from the PKI, and notices whether
 * the server asked for one.
 */
public final class TlsClient {

	private final HttpClient http;

	private final AtomicBoolean clientCertificateRequested = new AtomicBoolean();

	/** Presents no client certificate. */
	public TlsClient(Path pki) {
		this(pki, null);
	}

	/**
	 * @param pki the dev PKI directory ({@link DevPki})
	 * @param clientKeyStore a PKCS#12 key store relative to it (e.g.
	 * {@code partners/acme.p12}), or null
	 */
	public TlsClient(Path pki, String clientKeyStore) {
		try {
			this.http = HttpClient.newBuilder()
				.sslContext(sslContext(pki, clientKeyStore, this.clientCertificateRequested))
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An SSL context trusting the PKI's internal CA and presenting {@code clientKeyStore}
	 * (nullable).
	 */
	public static SSLContext sslContext(Path pki, String clientKeyStore) {
		try {
			return sslContext(pki, clientKeyStore, new AtomicBoolean());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SSLContext sslContext(Path pki, String clientKeyStore, AtomicBoolean requested) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(pki.resolve(DevPki.CA))) {
			trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		X509ExtendedKeyManager keys = null;
		if (clientKeyStore != null) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(pki.resolve(clientKeyStore))) {
				store.load(in, DevPki.DEFAULT_PASSWORD.toCharArray());
			}
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, DevPki.DEFAULT_PASSWORD.toCharArray());
			keys = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(new X509ExtendedKeyManager[] { new RecordingKeyManager(keys, requested) },
				trust.getTrustManagers(), null);
		return context;
	}

	public HttpResponse<String> get(String url, String... headers) {
		return send("GET", url, headers);
	}

	public HttpResponse<String> send(String method, String url, String... headers) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(20))
				.method(method, HttpRequest.BodyPublishers.noBody());
			if (headers.length > 0) {
				request.headers(headers);
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public boolean clientCertificateRequested() {
		return this.clientCertificateRequested.get();
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Offers the configured certificate, if any, and records that the server's handshake
	 * asked for one.
	 */
	private static final class RecordingKeyManager extends X509ExtendedKeyManager {

		private final X509ExtendedKeyManager delegate;

		private final AtomicBoolean requested;

		RecordingKeyManager(X509ExtendedKeyManager delegate, AtomicBoolean requested) {
			this.delegate = delegate;
			this.requested = requested;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
			this.requested.set(true);
			return (this.delegate != null) ? this.delegate.chooseEngineClientAlias(keyType, null, engine) : null;
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			this.requested.set(true);
			return (this.delegate != null) ? this.delegate.chooseClientAlias(keyType, null, socket) : null;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return (this.delegate != null) ? this.delegate.getClientAliases(keyType, issuers) : null;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return (this.delegate != null) ? this.delegate.getCertificateChain(alias) : null;
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return (this.delegate != null) ? this.delegate.getPrivateKey(alias) : null;
		}

	}

}
