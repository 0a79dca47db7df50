package dev.gatehouse.bench.tools;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import tools.jackson.databind.json.JsonMapper;

/**
 * An open-loop load generator at a fixed request rate, in the manner of wrk2 (which
 * Debian does not package): request {@code i} is due at {@code start + i / rate} whatever
 * happened to the requests before it, and its latency is counted from that due time, not
 * from when a connection was free to send it. A server that stalls therefore shows the
 * stall in every request that should have been sent during it (coordinated omission
 * corrected), instead of the load generator politely waiting.
 *
 * <p>
 * Each of {@code --connections} threads owns one keep-alive HTTP/1.1 connection and takes
 * the next due request from a shared counter, so at most that many requests are in
 * flight; the rate is kept as long as that suffices (the result says which rate was
 * achieved). Latencies go into an HdrHistogram (1 µs to 1 h, 3 significant digits).
 * Requests due during {@code --warmup} seconds are sent but not recorded.
 *
 * <pre>
 * FixedRateLoad --url http://127.0.0.1:8080/api/customers/C-1001 --rate 2000 --duration 20
 *   [--warmup 3] [--connections 32] [--header "Authorization: Bearer ..."]... [--out result.json]
 * </pre>
 */
public final class FixedRateLoad {

	private static final long HIGHEST_MICROS = 3_600_000_000L;

	private FixedRateLoad() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		List<String> headers = new ArrayList<>();
		for (int i = 0; i < args.length; i += 2) {
			if (i + 1 >= args.length || !args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
			}
			if (args[i].equals("--header")) {
				headers.add(args[i + 1]);
			}
			else {
				options.put(args[i].substring(2), args[i + 1]);
			}
		}
		URI url = URI.create(options.get("url"));
		double rate = Double.parseDouble(options.get("rate"));
		double duration = Double.parseDouble(options.getOrDefault("duration", "20"));
		double warmup = Double.parseDouble(options.getOrDefault("warmup", "0"));
		int connections = Integer.parseInt(options.getOrDefault("connections", "32"));

		StringBuilder request = new StringBuilder();
		String path = (url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath();
		if (url.getRawQuery() != null) {
			path += "?" + url.getRawQuery();
		}
		request.append("GET ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		request.append("\r\n");
		byte[] requestBytes = request.toString().getBytes(StandardCharsets.US_ASCII);
		InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());

		double intervalNanos = 1e9 / rate;
		long start = System.nanoTime() + 200_000_000L;
		long recordFrom = start + (long) (warmup * 1e9);
		long end = recordFrom + (long) (duration * 1e9);
		AtomicLong next = new AtomicLong();
		Worker[] workers = new Worker[connections];
		Thread[] threads = new Thread[connections];
		for (int i = 0; i < connections; i++) {
			workers[i] = new Worker(address, requestBytes, next, start, intervalNanos, recordFrom, end);
			threads[i] = new Thread(workers[i], "fixed-rate-" + i);
			threads[i].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long finished = System.nanoTime();

		Histogram all = new Histogram(HIGHEST_MICROS, 3);
		Histogram service = new Histogram(HIGHEST_MICROS, 3);
		long errors = 0;
		long non2xx = 0;
		long reconnects = 0;
		for (Worker worker : workers) {
			all.add(worker.latency);
			service.add(worker.serviceTime);
			errors += worker.errors;
			non2xx += worker.non2xx;
			reconnects += worker.reconnects;
		}
		double measuredSeconds = (Math.max(finished, end) - recordFrom) / 1e9;
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("tool", "FixedRateLoad (open loop, latency from the due time, HdrHistogram)");
		result.put("url", url.toString());
		result.put("target_rate", rate);
		result.put("achieved_rate", round(all.getTotalCount() / measuredSeconds));
		result.put("connections", connections);
		result.put("duration_s", duration);
		result.put("warmup_s", warmup);
		result.put("requests", all.getTotalCount());
		result.put("errors", errors);
		result.put("non2xx", non2xx);
		result.put("reconnects", reconnects);
		result.put("p50_ms", millis(all.getValueAtPercentile(50)));
		result.put("p90_ms", millis(all.getValueAtPercentile(90)));
		result.put("p99_ms", millis(all.getValueAtPercentile(99)));
		result.put("p999_ms", millis(all.getValueAtPercentile(99.9)));
		result.put("max_ms", millis(all.getMaxValue()));
		result.put("mean_ms", round(all.getMean() / 1000.0));
		result.put("service_p50_ms", millis(service.getValueAtPercentile(50)));
		result.put("service_p99_ms", millis(service.getValueAtPercentile(99)));
		String json = JsonMapper.builder().build().writeValueAsString(result);
		if (options.containsKey("out")) {
			Files.writeString(Path.of(options.get("out")), json + "\n", StandardCharsets.UTF_8);
		}
		System.out.println(json);
		if (all.getTotalCount() == 0 || errors > all.getTotalCount() / 100) {
			System.err.println("FixedRateLoad: " + errors + " errors in " + all.getTotalCount() + " requests");
			System.exit(2);
		}
	}

	private static double millis(long micros) {
		return round(micros / 1000.0);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static final class Worker implements Runnable {

		private final InetSocketAddress address;

		private final byte[] request;

		private final AtomicLong next;

		private final long start;

		private final double intervalNanos;

		private final long recordFrom;

		private final long end;

		final Histogram latency = new Histogram(HIGHEST_MICROS, 3);

		final Histogram serviceTime = new Histogram(HIGHEST_MICROS, 3);

		long errors;

		long non2xx;

		long reconnects;

		private Socket socket;

		private InputStream in;

		private OutputStream out;

		Worker(InetSocketAddress address, byte[] request, AtomicLong next, long start, double intervalNanos,
				long recordFrom, long end) {
			this.address = address;
			this.request = request;
			this.next = next;
			this.start = start;
			this.intervalNanos = intervalNanos;
			this.recordFrom = recordFrom;
			this.end = end;
		}

		@Override
		public void run() {
			try {
				while (true) {
					long due = this.start + (long) (this.next.getAndIncrement() * this.intervalNanos);
					if (due >= this.end) {
						return;
					}
					long now;
					while ((now = System.nanoTime()) < due) {
						LockSupport.parkNanos(due - now);
					}
					long sent = System.nanoTime();
					int status;
					try {
						status = exchange();
					}
					catch (IOException ex) {
						this.errors++;
						close();
						continue;
					}
					long done = System.nanoTime();
					if (due >= this.recordFrom) {
						this.latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (done - due) / 1000)));
						this.serviceTime.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (done - sent) / 1000)));
						if (status < 200 || status > 299) {
							this.non2xx++;
						}
					}
				}
			}
			finally {
				close();
			}
		}

		private int exchange() throws IOException {
			if (this.socket == null) {
				this.socket = new Socket();
				this.socket.setTcpNoDelay(true);
				this.socket.connect(this.address, 5000);
				this.socket.setSoTimeout(30_000);
				this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
				this.out = this.socket.getOutputStream();
				this.reconnects++;
			}
			this.out.write(this.request);
			this.out.flush();
			String statusLine = line();
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
				throw new IOException("not an HTTP response: " + statusLine);
			}
			int status = Integer.parseInt(parts[1]);
			long length = -1;
			boolean chunked = false;
			boolean closeAfter = parts[0].equals("HTTP/1.0");
			for (String header = line(); !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				if (name.equals("content-length")) {
					length = Long.parseLong(value);
				}
				else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
					chunked = true;
				}
				else if (name.equals("connection")) {
					closeAfter = value.equalsIgnoreCase("close");
				}
			}
			if (chunked) {
				while (true) {
					String size = line();
					int semicolon = size.indexOf(';');
					long chunk = Long.parseLong((semicolon >= 0) ? size.substring(0, semicolon).trim() : size.trim(),
							16);
					if (chunk == 0) {
						while (!line().isEmpty()) {
							// trailers
						}
						break;
					}
					skip(chunk);
					line();
				}
			}
			else if (length > 0) {
				skip(length);
			}
			else if (length < 0 && status != 204 && status != 304) {
				// Body until the connection closes.
				while (this.in.read() >= 0) {
					// drain
				}
				closeAfter = true;
			}
			if (closeAfter) {
				close();
			}
			return status;
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			int c;
			while ((c = this.in.read()) >= 0) {
				if (c == '\n') {
					int last = line.length() - 1;
					if (last >= 0 && line.charAt(last) == '\r') {
						line.setLength(last);
					}
					return line.toString();
				}
				line.append((char) c);
			}
			throw new EOFException("connection closed");
		}

		private void skip(long bytes) throws IOException {
			long left = bytes;
			byte[] buffer = new byte[8192];
			while (left > 0) {
				int read = this.in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read < 0) {
					throw new EOFException("connection closed in the body");
				}
				left -= read;
			}
		}

		private void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
			this.socket = null;
		}

	}

}
