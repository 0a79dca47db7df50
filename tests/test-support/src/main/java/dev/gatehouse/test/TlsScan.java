package dev.gatehouse.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import com.jayway.jsonpath.JsonPath;

/**
 * Runs Debian's {@code testssl.sh} (command {@code testssl}), an outside scanner, against
 * a TLS listener: protocols (and ALPN), cipher categories, forward secrecy, renegotiation
 * and, where the listener answers HTTP without a client certificate, the security
 * headers. Only these checks, so a scan takes seconds, not the full scan's minutes.
 * Fails, never skips, when the scanner is missing ({@code .ci/run} installs it).
 */
public final class TlsScan {

	/** Severities testssl gives to what a hardened listener must not show. */
	static final Set<String> FINDING_SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

	/** testssl's default checks for the categories named above. */
	public static final List<String> CHECKS = List.of("--protocols", "--std", "--fs", "--renegotiation");

	private TlsScan() {
	}

	/**
	 * @param port the listener, on 127.0.0.1 (named localhost, as its certificate does)
	 * @param ca the CA file the listener's certificate chains to
	 * @param headers whether to check the HTTP headers too (HSTS): only where no client
	 * certificate is required
	 */
	public static Result scan(int port, Path ca, boolean headers) {
		Path binary = findBinary();
		try {
			Path work = Files.createTempDirectory("testssl");
			Path json = work.resolve("scan.json");
			List<String> command = new ArrayList<>(List.of(binary.toString(), "--quiet", "--color", "0", "--warnings",
					"off", "--connect-timeout", "10", "--openssl-timeout", "10", "--add-ca", ca.toString(), "--ip",
					"127.0.0.1", "--jsonfile", json.toString()));
			command.addAll(CHECKS);
			if (headers) {
				command.add("--headers");
			}
			command.add("localhost:" + port);
			long start = System.nanoTime();
			Process process = new ProcessBuilder(command).directory(work.toFile())
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("scan.log").toFile())
				.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("testssl did not finish within 5 minutes; see " + work);
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			if (!Files.exists(json)) {
				throw new IllegalStateException("testssl wrote no result (exit " + process.exitValue() + "): "
						+ Files.readString(work.resolve("scan.log")));
			}
			List<Map<String, Object>> entries = JsonPath.parse(json.toFile()).read("$[*]");
			List<Finding> findings = entries.stream()
				.map((entry) -> new Finding(String.valueOf(entry.get("id")), String.valueOf(entry.get("severity")),
						String.valueOf(entry.get("finding"))))
				.toList();
			return new Result(findings, took, Files.readString(work.resolve("scan.log")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether the listener lets a client renegotiate a TLS 1.2 session it started (the
	 * JDK's client renegotiates when asked to handshake again). For listeners testssl
	 * cannot finish a handshake with, those requiring a client certificate:
	 * {@code context} presents one.
	 */
	public static boolean acceptsClientInitiatedRenegotiation(SSLContext context, int port) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
			socket.setEnabledProtocols(new String[] { "TLSv1.2" });
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			try {
				socket.startHandshake();
				socket.getOutputStream()
					.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				return socket.getInputStream().read() >= 0;
			}
			catch (SSLException | SocketException ex) {
				return false;
			}
		}
	}

	private static Path findBinary() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "testssl");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("testssl is not on the PATH; the TLS scans need it "
				+ "(Debian/Ubuntu: apt-get install testssl.sh; .ci/run installs it)");
	}

	public record Finding(String id, String severity, String finding) {
	}

	/**
	 * @param findings every line of testssl's JSON result
	 * @param took how long the scan took
	 * @param log testssl's own report, for failure messages
	 */
	public record Result(List<Finding> findings, Duration took, String log) {

		/** What a hardened listener must not show (severity LOW and above). */
		public List<Finding> problems() {
			return this.findings.stream().filter((finding) -> FINDING_SEVERITIES.contains(finding.severity())).toList();
		}

		public Optional<String> finding(String id) {
			return this.findings.stream()
				.filter((finding) -> finding.id().equals(id))
				.map(Finding::finding)
				.findFirst();
		}

	}

}
