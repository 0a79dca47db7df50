package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.FileSystemUtils;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.process.Ports;
import dev.gatehouse.pki.DevPki;
import dev.gatehouse.test.edge.Edge;

/**
 * The edge's WAF (nginx, ModSecurity v3, OWASP Core Rule Set, the configuration of
 * deploy/edge/) held against the requests a test sends to the gateway, for the test
 * classes that opt in with {@link WafChecked}: before each such request goes to the
 * gateway, a copy goes through this edge to a null backend that answers 200 to anything.
 * A legitimate request the WAF refuses (403), or the edge limits (413, 429), fails the
 * test that sent it, naming the request: a false positive. The copy never reaches the
 * gateway, so nothing is done twice and no rate limit is spent. Started once per run, on
 * the first test that needs it, against the launcher's platform only: against compose
 * every request passes the stack's real edge.
 */
final class WafMirror implements AutoCloseable {

	private static final Path DIR = Path.of("target/waf-mirror").toAbsolutePath();

	private final HttpsServer nullBackend;

	private final Edge edge;

	private final HttpClient client;

	private final List<Integer> gatewayPorts;

	private WafMirror(HttpsServer nullBackend, Edge edge, List<Integer> gatewayPorts) throws IOException {
		this.nullBackend = nullBackend;
		this.edge = edge;
		this.gatewayPorts = gatewayPorts;
		this.client = HttpClient.newBuilder()
			.sslContext(edge.clientContext())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * @param gatewayPorts the gateway's ports (HTTP and TLS): requests to them are
	 * mirrored
	 */
	private static WafMirror start(Path pki, List<Integer> gatewayPorts) throws IOException {
		FileSystemUtils.deleteRecursively(DIR);
		HttpsServer backend = nullBackend(pki);
		try {
			List<Integer> ports = Ports.free(3);
			// The suite's own pace is not what the first-line limit is for: high enough
			// never to answer.
			Edge edge = Edge.start(DIR, ports.get(0), ports.get(1), ports.get(2),
					"127.0.0.1:" + backend.getAddress().getPort(), pki.resolve(DevPki.CA), "1000r/s", 1000);
			WafMirror mirror = new WafMirror(backend, edge, gatewayPorts);
			mirror.requireBlocking();
			return mirror;
		}
		catch (IOException | RuntimeException ex) {
			backend.stop(0);
			throw ex;
		}
	}

	/**
	 * A mirror that let everything pass would prove nothing: an obvious attack must be
	 * refused.
	 */
	private void requireBlocking() throws IOException {
		HttpRequest attack = HttpRequest
			.newBuilder(URI.create(this.edge.httpsUrl("/api/customers?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")))
			.build();
		try {
			int status = this.client.send(attack, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status != 403) {
				throw new IllegalStateException(
						"The WAF mirror answered " + status + " to an XSS probe: ModSecurity is not blocking");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/** Sends a copy of the request through the edge when it is meant for the gateway. */
	void check(HttpRequest request) {
		URI uri = request.uri();
		if (!"localhost".equals(uri.getHost()) && !"127.0.0.1".equals(uri.getHost())
				|| !this.gatewayPorts.contains(uri.getPort())) {
			return;
		}
		String pathAndQuery = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		HttpRequest copy = HttpRequest.newBuilder(request, (name, value) -> true)
			.uri(URI.create(this.edge.httpsUrl(pathAndQuery)))
			.build();
		HttpResponse<String> response;
		try {
			response = this.client.send(copy, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The WAF mirror did not answer " + request.method() + " " + pathAndQuery,
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (response.statusCode() != 200) {
			throw new AssertionError("False positive: the edge answered " + response.statusCode() + " to "
					+ request.method() + " " + pathAndQuery + ", a legitimate request of the end-to-end suite; "
					+ "the edge's audit log (" + DIR.resolve("audit.log") + ") names the rule");
		}
	}

	/**
	 * The backend behind the mirror's edge: TLS with the dev PKI's gateway certificate,
	 * 200 to everything.
	 */
	private static HttpsServer nullBackend(Path pki) throws IOException {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(pki.resolve(DevPki.GATEWAY))) {
				keys.load(in, DevPki.DEFAULT_PASSWORD.toCharArray());
			}
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, DevPki.DEFAULT_PASSWORD.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(factory.getKeyManagers(), null, null);
			HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(context));
			server.setExecutor(Executors.newFixedThreadPool(4));
			server.createContext("/", (exchange) -> {
				try (InputStream body = exchange.getRequestBody()) {
					body.readAllBytes();
				}
				byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, ok.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(ok);
				}
			});
			server.start();
			return server;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not start the WAF mirror's backend", ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.edge.close();
		this.nullBackend.stop(0);
	}

	/**
	 * What {@link WafChecked} registers: the run's mirror checks the requests of each
	 * test of the class.
	 */
	static final class Extension implements BeforeEachCallback, AfterEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			if (RunningPlatform.target(context) instanceof LauncherTarget launcher) {
				WafMirror mirror = context.getRoot()
					.getStore(ExtensionContext.Namespace.GLOBAL)
					.computeIfAbsent(WafMirror.class, (key) -> start(launcher.platform().config()), WafMirror.class);
				Http.checkRequestsWith(mirror::check);
			}
		}

		@Override
		public void afterEach(ExtensionContext context) {
			Http.checkRequestsWith(null);
		}

		private static WafMirror start(PlatformConfig config) {
			try {
				return WafMirror.start(config.pkiDirectory(),
						List.of(config.port("gateway"), config.port("gateway-tls")));
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("Could not start the edge's WAF for the suite's requests", ex);
			}
		}

	}

}
