package dev.gatehouse.test.edge;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The edge of deploy/edge/ run for real: Debian's nginx with ModSecurity v3 and the OWASP
 * Core Rule Set, the same templates docker compose renders (deploy/edge/entrypoint.sh),
 * here with local ports, a fresh self-signed certificate (openssl) and the Core Rule Set
 * from Debian's modsecurity-crs.
 */
public final class Edge implements AutoCloseable {

	public static final Path DEBIAN_MODSECURITY_MODULE = Path
		.of("/usr/lib/nginx/modules/ngx_http_modsecurity_module.so");

	public static final Path DEBIAN_CRS_RULES = Path.of("/usr/share/modsecurity-crs/rules");

	/**
	 * The stream module (the partners' TLS passthrough), a dynamic module in Debian's
	 * nginx.
	 */
	public static final Path DEBIAN_STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(EDGE_[A-Z_]+)}");

	private final Path dir;

	private final int httpPort;

	private final int tlsPort;

	private final int partnerTlsPort;

	private final Process process;

	private Edge(Path dir, int httpPort, int tlsPort, int partnerTlsPort, Process process) {
		this.dir = dir;
		this.httpPort = httpPort;
		this.tlsPort = tlsPort;
		this.partnerTlsPort = partnerTlsPort;
		this.process = process;
	}

	/**
	 * @param dir a fresh folder for configuration, certificate, logs and nginx's temp
	 * files
	 * @param partnerTlsPort the partners' TLS passthrough to the upstream
	 * @param upstream the gateway's TLS listener, {@code host:port}
	 * @param upstreamCa PEM of the CA that signed the upstream's certificate (the dev
	 * PKI's ca.crt)
	 */
	public static Edge start(Path dir, int httpPort, int tlsPort, int partnerTlsPort, String upstream, Path upstreamCa,
			String rate, int burst) throws IOException {
		Path nginx = Commands.requireInstalled("nginx");
		if (!Files.isRegularFile(DEBIAN_MODSECURITY_MODULE) || !Files.isDirectory(DEBIAN_CRS_RULES)) {
			throw new AssertionError("ModSecurity or the Core Rule Set is missing (" + DEBIAN_MODSECURITY_MODULE + ", "
					+ DEBIAN_CRS_RULES
					+ "): apt-get install libnginx-mod-http-modsecurity modsecurity-crs, as .ci/run does");
		}
		if (!Files.isRegularFile(DEBIAN_STREAM_MODULE)) {
			throw new AssertionError("nginx's stream module is missing (" + DEBIAN_STREAM_MODULE
					+ "): apt-get install libnginx-mod-stream, as .ci/run does");
		}
		Path run = dir.resolve("run");
		Files.createDirectories(run);
		// nginx's workers drop root to www-data, and must reach their temp files and the
		// certificate.
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
		Commands
			.run(Duration.ofSeconds(60), dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
					"-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
					"edge.key", "-out", "edge.crt")
			.requireSuccess("openssl req");

		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("EDGE_CONF_DIR", Commands.ROOT.resolve("deploy/edge").toString());
		settings.put("EDGE_RUN_DIR", run.toString());
		settings.put("EDGE_CRS_RULES", DEBIAN_CRS_RULES.toString());
		settings.put("EDGE_MODSEC_RULES", run.resolve("modsecurity-main.conf").toString());
		settings.put("EDGE_MODSEC_MODULE", DEBIAN_MODSECURITY_MODULE.toString());
		settings.put("EDGE_HTTP_LISTEN", "127.0.0.1:" + httpPort);
		settings.put("EDGE_TLS_LISTEN", "127.0.0.1:" + tlsPort);
		settings.put("EDGE_PARTNER_TLS_LISTEN", "127.0.0.1:" + partnerTlsPort);
		settings.put("EDGE_PUBLIC_TLS_PORT", String.valueOf(tlsPort));
		settings.put("EDGE_UPSTREAM", upstream);
		settings.put("EDGE_UPSTREAM_CA", upstreamCa.toAbsolutePath().toString());
		settings.put("EDGE_CERT", dir.resolve("edge.crt").toString());
		settings.put("EDGE_KEY", dir.resolve("edge.key").toString());
		settings.put("EDGE_RATE", rate);
		settings.put("EDGE_BURST", String.valueOf(burst));
		settings.put("EDGE_ACCESS_LOG", dir.resolve("access.log").toString());
		settings.put("EDGE_ERROR_LOG", dir.resolve("error.log").toString());
		settings.put("EDGE_AUDIT_LOG", dir.resolve("audit.log").toString());
		Path edge = Commands.ROOT.resolve("deploy/edge");
		// What deploy/edge/entrypoint.sh writes for Debian's nginx, where both modules
		// are
		// dynamic.
		Files.writeString(run.resolve("modules.conf"),
				"load_module " + DEBIAN_MODSECURITY_MODULE + ";\nload_module " + DEBIAN_STREAM_MODULE + ";\n");
		render(edge.resolve("nginx.conf.template"), run.resolve("nginx.conf"), settings);
		render(edge.resolve("modsecurity/modsecurity.conf.template"), run.resolve("modsecurity.conf"), settings);
		render(edge.resolve("modsecurity/main.conf.template"), run.resolve("modsecurity-main.conf"), settings);

		List<String> base = List.of(nginx.toString(), "-p", run.toString(), "-e", dir.resolve("error.log").toString(),
				"-c", run.resolve("nginx.conf").toString());
		Commands.run(Duration.ofSeconds(60), dir, concat(base, "-t")).requireSuccess("nginx -t");
		Process process = new ProcessBuilder(concat(base, "-g", "daemon off;")).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
		Edge started = new Edge(dir, httpPort, tlsPort, partnerTlsPort, process);
		started.awaitListening();
		return started;
	}

	private static String[] concat(List<String> base, String... more) {
		String[] all = base.toArray(new String[base.size() + more.length]);
		System.arraycopy(more, 0, all, base.size(), more.length);
		return all;
	}

	/**
	 * Substitutes {@code ${EDGE_*}} like envsubst in the container; an unknown one fails.
	 */
	public static void render(Path template, Path target, Map<String, String> settings) throws IOException {
		Matcher matcher = PLACEHOLDER.matcher(Files.readString(template));
		StringBuilder rendered = new StringBuilder();
		while (matcher.find()) {
			String value = settings.get(matcher.group(1));
			if (value == null) {
				throw new AssertionError(template + " uses " + matcher.group() + ", which the edge's settings lack");
			}
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(rendered);
		Files.writeString(target, rendered.toString());
	}

	private void awaitListening() throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("nginx exited with " + this.process.exitValue() + ":\n"
						+ Files.readString(this.dir.resolve("nginx.out"))
						+ Files.readString(this.dir.resolve("error.log")));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.tlsPort), 500);
				return;
			}
			catch (IOException ex) {
				sleep(Duration.ofMillis(100));
			}
		}
		throw new AssertionError("nginx did not listen on " + this.tlsPort + " within 30 s");
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String httpsUrl(String path) {
		return "https://localhost:" + this.tlsPort + path;
	}

	/** The partners' TLS passthrough: the upstream's own certificate and handshake. */
	public String partnerUrl(String path) {
		return "https://localhost:" + this.partnerTlsPort + path;
	}

	public String httpUrl(String path) {
		return "http://localhost:" + this.httpPort + path;
	}

	public int httpPort() {
		return this.httpPort;
	}

	public int tlsPort() {
		return this.tlsPort;
	}

	public Certificate certificate() throws IOException {
		try (InputStream in = new FileInputStream(this.dir.resolve("edge.crt").toFile())) {
			return CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (java.security.cert.CertificateException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * A client context that trusts this edge's self-signed certificate and nothing else.
	 */
	public SSLContext clientContext() throws IOException {
		try {
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry("edge", certificate());
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	public String errorLog() throws IOException {
		return Files.readString(this.dir.resolve("error.log"), StandardCharsets.UTF_8);
	}

	public String auditLog() throws IOException {
		Path audit = this.dir.resolve("audit.log");
		return Files.exists(audit) ? Files.readString(audit, StandardCharsets.UTF_8) : "";
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
