package dev.gatehouse.bench.tools;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the {@code jdk.ExecutionSample} events of a JFR recording (what
 * {@code jfr print --events jdk.ExecutionSample <file>} lists one by one): the hottest
 * methods by self samples (top frame), by inclusive samples (anywhere on the stack, once
 * per sample), and the inclusive share of a few areas of the gateway's request path (JWT,
 * rate limit, routing, logging).
 *
 * <pre>JfrHotMethods &lt;recording.jfr&gt; [top N, default 25]</pre>
 */
public final class JfrHotMethods {

	/**
	 * Areas of the request path: a sample counts for an area when any frame's class
	 * starts with a prefix (inclusive); for self time, the first frame from the top that
	 * matches decides, the first matching area in this order.
	 */
	private static final List<Map.Entry<String, List<String>>> AREAS = List.of(
			Map.entry("Reactor context propagation (ThreadLocal restore)",
					List.of("io.micrometer.context.", "reactor.core.publisher.ContextPropagation",
							"org.springframework.security.web.server.ServerWebExchangeThreadLocalAccessor")),
			Map.entry("JWT decode + verify (Nimbus, Spring JWT)",
					List.of("com.nimbusds.", "org.springframework.security.oauth2.jwt.")),
			Map.entry("RSA signature verify (JDK)", List.of("sun.security.rsa.", "java.math.BigInteger")),
			Map.entry("Spring Security filter chain", List.of("org.springframework.security.web.server.")),
			Map.entry("rate limiter (SCG RequestRateLimiter, Gatehouse)",
					List.of("org.springframework.cloud.gateway.filter.ratelimit.", "dev.gatehouse.gateway.ratelimit.")),
			Map.entry("Redis client (Lettuce)", List.of("io.lettuce.")),
			Map.entry("routing + proxy (SCG filters, Netty client)",
					List.of("org.springframework.cloud.gateway.filter.NettyRoutingFilter",
							"org.springframework.cloud.gateway.filter.NettyWriteResponseFilter",
							"reactor.netty.http.client.")),
			Map.entry("circuit breaker (Resilience4j)", List.of("io.github.resilience4j.")),
			Map.entry("logging (Logback)", List.of("ch.qos.logback.")),
			Map.entry("tracing / observation (Micrometer, OpenTelemetry)",
					List.of("io.micrometer.observation.", "io.micrometer.tracing.", "io.opentelemetry.")),
			Map.entry("Gatehouse gateway code", List.of("dev.gatehouse.")),
			Map.entry("Spring WebFlux / Spring Cloud Gateway core",
					List.of("org.springframework.web.", "org.springframework.http.",
							"org.springframework.cloud.gateway.")),
			Map.entry("Reactor operators", List.of("reactor.core.")),
			Map.entry("Netty I/O (epoll, channel pipeline)", List.of("io.netty.")));

	private JfrHotMethods() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: JfrHotMethods <recording.jfr> [top N]");
			System.exit(1);
		}
		int top = (args.length > 1) ? Integer.parseInt(args[1]) : 25;
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		Map<String, Integer> areas = new HashMap<>();
		Map<String, Integer> threads = new HashMap<>();
		Map<String, Integer> applicationInclusive = new HashMap<>();
		Map<String, Integer> attributed = new HashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			samples++;
			if (event.getThread("sampledThread") != null) {
				String thread = event.getThread("sampledThread").getJavaName();
				threads.merge((thread == null) ? "?" : thread.replaceAll("-?\\d+$", "-N"), 1, Integer::sum);
			}
			List<RecordedFrame> frames = stack.getFrames();
			self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
			attributed.merge(attribute(frames), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			Set<String> seenAreas = new HashSet<>();
			for (RecordedFrame frame : frames) {
				String method = name(frame.getMethod());
				if (seen.add(method)) {
					inclusive.merge(method, 1, Integer::sum);
					if (isApplication(method)) {
						applicationInclusive.merge(method, 1, Integer::sum);
					}
				}
				String type = frame.getMethod().getType().getName();
				for (Map.Entry<String, List<String>> area : AREAS) {
					for (String prefix : area.getValue()) {
						if (type.startsWith(prefix) && seenAreas.add(area.getKey())) {
							areas.merge(area.getKey(), 1, Integer::sum);
						}
					}
				}
			}
		}
		System.out.println("execution samples: " + samples + (stackDepthNote(samples)));
		print("threads (samples)", threads, samples, 10);
		print("hottest methods, self (top frame)", self, samples, top);
		print("hottest methods, inclusive (anywhere on the stack)", inclusive, samples, top);
		print("hottest methods, inclusive, without Reactor/Netty/JDK plumbing", applicationInclusive, samples, top);
		print("areas of the request path, inclusive (a sample may count in several)", areas, samples, AREAS.size());
		print("areas by self time (each sample to the first frame from the top that belongs to an area)", attributed,
				samples, AREAS.size() + 1);
	}

	private static boolean isApplication(String method) {
		return !(method.startsWith("reactor.") || method.startsWith("io.netty.") || method.startsWith("java.")
				|| method.startsWith("jdk.") || method.startsWith("sun.") || method.startsWith("kotlin."));
	}

	private static String attribute(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			for (Map.Entry<String, List<String>> area : AREAS) {
				for (String prefix : area.getValue()) {
					if (type.startsWith(prefix)) {
						return area.getKey();
					}
				}
			}
		}
		return "other (JDK only)";
	}

	private static String stackDepthNote(int samples) {
		return (samples == 0) ? " (no jdk.ExecutionSample events: was the recording made with settings=profile?)"
				: " (stack depth as recorded: bench/run sets -XX:FlightRecorderOptions:stackdepth=256 with BENCH_JFR=1)";
	}

	private static String name(RecordedMethod method) {
		String type = method.getType().getName();
		return type + "." + method.getName();
	}

	private static void print(String title, Map<String, Integer> counts, int total, int limit) {
		System.out.println();
		System.out.println("## " + title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
			.limit(limit)
			.forEach((entry) -> System.out.printf("%6.1f%%  %6d  %s%n", 100.0 * entry.getValue() / Math.max(1, total),
					entry.getValue(), entry.getKey()));
	}

}
