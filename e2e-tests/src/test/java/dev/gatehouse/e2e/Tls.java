package dev.gatehouse.e2e;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An HTTP client that trusts exactly the gateway's dev certificate, as a real client would be set up. */
final class Tls {

	private Tls() {
	}

	static HttpClient trusting(Path keyStore, String password, String alias) {
		try (InputStream in = Files.newInputStream(keyStore)) {
			KeyStore gateway = KeyStore.getInstance("PKCS12");
			gateway.load(in, password.toCharArray());
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry(alias, gateway.getCertificate(alias));
			TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not trust the gateway certificate in " + keyStore, ex);
		}
	}

}
