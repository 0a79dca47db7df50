package dev.gatehouse.bench.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one run of bench/run ({@code meta.json} and {@code raw.jsonl} in the results
 * folder) into {@code report.md}, {@code report.json}, {@code chart.png} and, after a
 * sweep, {@code sweep.png}: medians with min and max over the repetitions, throughput
 * ratios to direct and to the nginx proxy, CPU time per request for every process,
 * resident memory, fixed-rate latency, start times, the JVMs side by side, the cost
 * sweep, the refusals checked, and the targets of issue #17.
 *
 * <pre>Report &lt;results folder&gt;</pre>
 */
public final class Report {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Target thresholds (issue #17). */
	private static final double FULL_TO_ROUTING_MIN = 0.75;

	private static final double FULL_TO_HAPROXY_CPU_MAX = 4.0;

	private static final double P99_MARGIN_MS = 2.0;

	private static final double START_MAX_S = 3.0;

	private static final double RSS_MAX_MB = 300;

	/** The sweep's dimensions, in the order of the chart's columns. */
	private static final Map<String, String> DIMENSIONS = dimensions();

	private Report() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args[0]);
		Map<String, Object> meta = readMap(dir.resolve("meta.json"));
		List<Map<String, Object>> raw = new ArrayList<>();
		for (String line : Files.readAllLines(dir.resolve("raw.jsonl"), StandardCharsets.UTF_8)) {
			if (!line.isBlank()) {
				raw.add(JSON.readValue(line, LinkedHashMap.class));
			}
		}
		Map<String, Object> report = build(meta, raw);
		JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("report.json").toFile(), report);
		Files.writeString(dir.resolve("report.md"), markdown(report), StandardCharsets.UTF_8);
		chart(report, dir.resolve("chart.png"));
		if (!((Map<?, ?>) report.get("sweep")).isEmpty()) {
			sweepChart(report, dir.resolve("sweep.png"));
		}
		System.out.println(Files.readString(dir.resolve("report.md")));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readMap(Path file) throws IOException {
		return JSON.readValue(file.toFile(), LinkedHashMap.class);
	}

	// ---------------------------------------------------------------------------------------------
	// Aggregation

	@SuppressWarnings("unchecked")
	static Map<String, Object> build(Map<String, Object> meta, List<Map<String, Object>> raw) {
		double clkTck = num(meta.getOrDefault("clk_tck", 100));
		List<Map<String, Object>> variants = (List<Map<String, Object>>) meta.get("variants");
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("meta", meta);
		Map<String, Object> results = new LinkedHashMap<>();
		for (Map<String, Object> variant : variants) {
			String name = (String) variant.get("name");
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("description", variant.get("description"));
			result.put("backend", variant.get("backend"));
			result.put("max", aggregate(rows(raw, "max", name), clkTck));
			List<Map<String, Object>> fixed = rows(raw, "fixed", name);
			if (!fixed.isEmpty()) {
				result.put("fixed", aggregate(fixed, clkTck));
			}
			List<Map<String, Object>> starts = rows(raw, "start", name);
			if (!starts.isEmpty()) {
				Map<String, Object> startTimes = new LinkedHashMap<>();
				for (Map<String, Object> start : starts) {
					startTimes.put((String) start.get("process"), start.get("started_s"));
				}
				result.put("start_s", startTimes);
			}
			for (Map<String, Object> fallback : rows(raw, "fallbacks", name)) {
				result.put("rate_limit_fallbacks", fallback.get("count"));
			}
			results.put(name, result);
		}
		if (!results.containsKey("null-direct") && !rows(raw, "fixed", "null-direct").isEmpty()) {
			// Measured only at the full chain's fixed rate, for the p99 target.
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("description", "wrk → null nginx (return 200), fixed rate only");
			result.put("backend", "null-nginx");
			result.put("max", aggregate(List.of(), clkTck));
			result.put("fixed", aggregate(rows(raw, "fixed", "null-direct"), clkTck));
			results.put("null-direct", result);
		}
		for (Map.Entry<String, Object> entry : results.entrySet()) {
			for (Map<String, Object> refusals : rows(raw, "refusals", entry.getKey())) {
				((Map<String, Object>) entry.getValue()).put("refused_with_401", refusals.get("refused_with_401"));
			}
		}
		report.put("variants", results);
		report.put("sweep", sweep(meta, raw, clkTck));
		// Start times of processes that serve several variants (customer-service, nginx,
		// redis).
		Map<String, Object> starts = new LinkedHashMap<>();
		for (Map<String, Object> row : raw) {
			if ("start".equals(row.get("type"))) {
				String key = row.get("process") + ((row.get("variant") != null) ? " (" + row.get("variant") + ")" : "");
				starts.put(key, row.get("started_s"));
			}
		}
		report.put("start_times_s", starts);
		report.put("ratios", ratios(results));
		report.put("targets", targets(results, starts));
		return report;
	}

	private static List<Map<String, Object>> rows(List<Map<String, Object>> raw, String type, String variant) {
		return raw.stream()
			.filter((row) -> type.equals(row.get("type")) && variant.equals(row.get("variant")))
			.toList();
	}

	/**
	 * Median, min and max of every numeric figure over the repetitions, plus CPU per
	 * request per process.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> aggregate(List<Map<String, Object>> rows, double clkTck) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("repetitions", rows.size());
		if (rows.isEmpty()) {
			return out;
		}
		for (String key : List.of("rps", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "requests", "target_rate",
				"achieved_rate", "errors_total", "non2xx")) {
			List<Double> values = rows.stream()
				.filter((r) -> r.get(key) instanceof Number)
				.map((r) -> num(r.get(key)))
				.toList();
			if (!values.isEmpty()) {
				out.put(key, stats(values));
			}
		}
		// CPU µs per request for each process, per repetition, then median/min/max.
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		Map<String, List<Double>> cpuCores = new LinkedHashMap<>();
		List<Double> others = new ArrayList<>();
		List<Double> failedShare = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			double requests = num(row.get("requests"));
			double seconds = num(row.get("duration_s"));
			Map<String, Object> ticks = new LinkedHashMap<>(
					(Map<String, Object>) row.getOrDefault("cpu_ticks", Map.of()));
			Object machine = ticks.remove("machine");
			if (machine != null && seconds > 0) {
				// CPU the machine spent on anything but the measured processes and the
				// load generator.
				double ours = ticks.values().stream().mapToDouble(Report::num).sum();
				others.add(Math.max(0, num(machine) - ours) / clkTck / seconds);
			}
			if (requests > 0) {
				failedShare.add((num(row.get("non2xx")) + num(row.get("errors_total"))) / requests);
			}
			for (Map.Entry<String, Object> entry : ticks.entrySet()) {
				double micros = num(entry.getValue()) * 1e6 / clkTck;
				if (requests > 0) {
					cpu.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>()).add(micros / requests);
				}
				if (seconds > 0) {
					cpuCores.computeIfAbsent(entry.getKey(), (k) -> new ArrayList<>()).add(micros / 1e6 / seconds);
				}
			}
		}
		Map<String, Object> cpuOut = new LinkedHashMap<>();
		cpu.forEach((process, values) -> cpuOut.put(process, stats(values)));
		out.put("cpu_us_per_request", cpuOut);
		Map<String, Object> coresOut = new LinkedHashMap<>();
		cpuCores.forEach((process, values) -> coresOut.put(process, stats(values)));
		out.put("cpu_cores_busy", coresOut);
		if (!others.isEmpty()) {
			out.put("other_processes_cores", stats(others));
		}
		if (!failedShare.isEmpty()) {
			out.put("failed_share", stats(failedShare));
		}
		// Resident memory: the largest over the repetitions (MB).
		Map<String, Map<String, Double>> rss = new LinkedHashMap<>();
		for (Map<String, Object> row : rows) {
			Map<String, Object> memory = (Map<String, Object>) row.getOrDefault("rss_kb", Map.of());
			for (Map.Entry<String, Object> entry : memory.entrySet()) {
				List<Object> pair = (List<Object>) entry.getValue();
				Map<String, Double> current = rss.computeIfAbsent(entry.getKey(), (k) -> new LinkedHashMap<>());
				current.merge("vmrss_mb", round1(num(pair.get(0)) / 1024), Math::max);
				current.merge("vmhwm_mb", round1(num(pair.get(1)) / 1024), Math::max);
			}
		}
		out.put("memory", rss);
		return out;
	}

	private static Map<String, Object> stats(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("median", round3(median));
		out.put("min", round3(sorted.get(0)));
		out.put("max", round3(sorted.get(n - 1)));
		return out;
	}

	@SuppressWarnings("unchecked")
	private static Double median(Map<String, Object> results, String variant, String kind, String... path) {
		Object node = results.get(variant);
		if (node == null) {
			return null;
		}
		node = ((Map<String, Object>) node).get(kind);
		for (String key : path) {
			if (!(node instanceof Map)) {
				return null;
			}
			node = ((Map<String, Object>) node).get(key);
		}
		if (node instanceof Map<?, ?> map && map.get("median") instanceof Number number) {
			return number.doubleValue();
		}
		return null;
	}

	private static Map<String, Object> ratios(Map<String, Object> results) {
		Map<String, Object> out = new LinkedHashMap<>();
		Double direct = median(results, "direct", "max", "rps");
		Double nginx = median(results, "nginx", "max", "rps");
		Double nullDirect = median(results, "null-direct", "max", "rps");
		for (String variant : results.keySet()) {
			Double rps = median(results, variant, "max", "rps");
			if (rps == null) {
				continue;
			}
			Map<String, Object> ratio = new LinkedHashMap<>();
			String base = variant.contains("@") ? variant.substring(0, variant.indexOf('@')) : variant;
			boolean nullBackend = base.endsWith("-null") || base.equals("null-direct");
			if (!nullBackend) {
				ratio.put("to_direct", (direct != null) ? round3(rps / direct) : null);
				ratio.put("to_nginx", (nginx != null) ? round3(rps / nginx) : null);
			}
			else {
				ratio.put("to_null_direct", (nullDirect != null) ? round3(rps / nullDirect) : null);
			}
			out.put(variant, ratio);
		}
		return out;
	}

	private static Map<String, Object> target(String name, String figure, Double value, boolean met, String detail) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("target", name);
		out.put("figure", figure);
		out.put("value", value);
		out.put("status", (value == null) ? "not measured" : (met ? "met" : "missed"));
		out.put("detail", detail);
		return out;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> targets(Map<String, Object> results, Map<String, Object> starts) {
		List<Object> out = new ArrayList<>();
		Double cpu = median(results, "gw-full-null", "max", "cpu_us_per_request", "gateway");
		Double haproxy = median(results, "haproxy-null", "max", "cpu_us_per_request", "gateway");
		Double plain = median(results, "plain-scg-null", "max", "cpu_us_per_request", "gateway");
		Double toHaproxy = (cpu != null && haproxy != null) ? round3(cpu / haproxy) : null;
		out.add(target("full chain <= 4x HAProxy's CPU per request (null backend)",
				"gateway CPU us/request, gw-full-null / haproxy-null", toHaproxy,
				toHaproxy != null && toHaproxy <= FULL_TO_HAPROXY_CPU_MAX, "gw-full-null " + cpu + " us, haproxy-null "
						+ haproxy + " us; 4x HAProxy = " + ((haproxy != null) ? round3(4 * haproxy) : null) + " us"));
		Double toPlain = (cpu != null && plain != null) ? round3(cpu / plain) : null;
		out.add(target("full chain cheaper than plain Spring Cloud Gateway (null backend)",
				"gateway CPU us/request, gw-full-null / plain-scg-null", toPlain, toPlain != null && toPlain < 1,
				"gw-full-null " + cpu + " us, plain-scg-null " + plain + " us"));
		Double fullNull = median(results, "gw-full-null", "max", "rps");
		Double routingNull = median(results, "gw-routing-null", "max", "rps");
		Double full = median(results, "gw-full", "max", "rps");
		Double routing = median(results, "gw-routing", "max", "rps");
		Double ratioNull = (fullNull != null && routingNull != null) ? round3(fullNull / routingNull) : null;
		Double ratio = (full != null && routing != null) ? round3(full / routing) : null;
		out.add(target("full chain keeps >= 75% of routing-only throughput (null backend)",
				"gw-full-null / gw-routing-null req/s", ratioNull,
				ratioNull != null && ratioNull >= FULL_TO_ROUTING_MIN, "in front of customer-service: " + ratio));
		Double p99Null = median(results, "null-direct", "fixed", "p99_ms");
		Double p99Full = median(results, "gw-full-null", "fixed", "p99_ms");
		Double excess = (p99Null != null && p99Full != null) ? round3(p99Full - p99Null) : null;
		out.add(target("p99 at half the full chain's maximum <= null backend's p99 + 2 ms",
				"gw-full-null p99 - null-direct p99 at the same fixed rate (ms)", excess,
				excess != null && excess <= P99_MARGIN_MS,
				"null-direct p99 " + p99Null + " ms, gw-full-null p99 " + p99Full + " ms"));
		double worstStart = 0;
		StringBuilder startDetail = new StringBuilder();
		for (Map.Entry<String, Object> start : starts.entrySet()) {
			if (start.getValue() instanceof Number seconds) {
				worstStart = Math.max(worstStart, seconds.doubleValue());
				startDetail.append((startDetail.length() > 0) ? ", " : "")
					.append(start.getKey())
					.append(' ')
					.append(seconds)
					.append(" s");
			}
		}
		out.add(target("every JVM starts in < 3 s", "slowest 'Started ... in N seconds' in this run",
				starts.isEmpty() ? null : worstStart, worstStart < START_MAX_S,
				startDetail + " (under the benchmark's own load; bench/start-times measures idle starts)"));
		double worstRss = 0;
		String worstVariant = null;
		for (Map.Entry<String, Object> entry : results.entrySet()) {
			if (!entry.getKey().startsWith("gw-")) {
				continue;
			}
			Map<String, Object> memory = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) entry
				.getValue()).getOrDefault("max", Map.of())).getOrDefault("memory", Map.of());
			Map<String, Double> gateway = (Map<String, Double>) memory.get("gateway");
			if (gateway != null && gateway.get("vmrss_mb") > worstRss) {
				worstRss = gateway.get("vmrss_mb");
				worstVariant = entry.getKey();
			}
		}
		out.add(target("gateway resident memory under load < 300 MB", "largest gateway VmRSS after a measured run (MB)",
				(worstVariant != null) ? worstRss : null, worstRss < RSS_MAX_MB, "in " + worstVariant));
		return out;
	}

	/**
	 * Each sweep point aggregated like a variant, and the curves: dimension -> [{value,
	 * point, figures}].
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> sweep(Map<String, Object> meta, List<Map<String, Object>> raw, double clkTck) {
		Map<String, Object> out = new LinkedHashMap<>();
		List<Map<String, Object>> points = (List<Map<String, Object>>) meta.getOrDefault("sweep", List.of());
		if (points.isEmpty()) {
			return out;
		}
		Map<String, Object> aggregated = new LinkedHashMap<>();
		Map<String, List<Object>> curves = new LinkedHashMap<>();
		DIMENSIONS.keySet().forEach((dimension) -> curves.put(dimension, new ArrayList<>()));
		for (Map<String, Object> point : points) {
			Map<String, Object> max = aggregate(rows(raw, "max", (String) point.get("row")), clkTck);
			max.put("extra_jvm_opts", point.getOrDefault("extra_jvm_opts", ""));
			if (point.containsKey("memory_setting")) {
				max.put("memory_setting", point.get("memory_setting"));
				max.put("memory_breakdown", point.get("memory"));
			}
			aggregated.put((String) point.get("point"), max);
			for (Object item : (List<Object>) point.get("dimensions")) {
				List<Object> pair = (List<Object>) item;
				Map<String, Object> value = new LinkedHashMap<>();
				value.put("value", pair.get(1));
				value.put("point", point.get("point"));
				curves.computeIfAbsent((String) pair.get(0), (k) -> new ArrayList<>()).add(value);
			}
		}
		curves.values().removeIf(List::isEmpty);
		out.put("points", aggregated);
		out.put("curves", curves);
		Map<String, Object> validation = validationCost(aggregated);
		if (!validation.isEmpty()) {
			out.put("validation_cost", validation);
		}
		return out;
	}

	/**
	 * What the gateway's request validation costs: val-on against val-off (the same route
	 * and body), per request and as ratios of the medians.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> validationCost(Map<String, Object> points) {
		Map<String, Object> out = new LinkedHashMap<>();
		Map<String, Object> on = (Map<String, Object>) points.get("val-on");
		Map<String, Object> off = (Map<String, Object>) points.get("val-off");
		if (on == null || off == null) {
			return out;
		}
		Double cpuOn = medianOf(on, "cpu_us_per_request", "gateway");
		Double cpuOff = medianOf(off, "cpu_us_per_request", "gateway");
		Double rpsOn = medianOf(on, "rps");
		Double rpsOff = medianOf(off, "rps");
		Double p99On = medianOf(on, "p99_ms");
		Double p99Off = medianOf(off, "p99_ms");
		if (cpuOn != null && cpuOff != null && cpuOff > 0) {
			out.put("gateway_cpu_us_per_request_added", round3(cpuOn - cpuOff));
			out.put("gateway_cpu_ratio_on_to_off", round3(cpuOn / cpuOff));
		}
		if (rpsOn != null && rpsOff != null && rpsOff > 0) {
			out.put("rps_ratio_on_to_off", round3(rpsOn / rpsOff));
		}
		if (p99On != null && p99Off != null) {
			out.put("p99_ms_added", round3(p99On - p99Off));
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	private static Double medianOf(Map<String, Object> aggregate, String... path) {
		Object node = aggregate;
		for (String key : path) {
			if (!(node instanceof Map)) {
				return null;
			}
			node = ((Map<String, Object>) node).get(key);
		}
		return (node instanceof Map<?, ?> map && map.get("median") instanceof Number number) ? number.doubleValue()
				: null;
	}

	private static Map<String, String> dimensions() {
		Map<String, String> dimensions = new LinkedHashMap<>();
		dimensions.put("connections", "connections");
		dimensions.put("routes", "routes");
		dimensions.put("api_keys", "API keys");
		dimensions.put("body", "POST body");
		dimensions.put("roles", "roles in the token");
		dimensions.put("validation", "request validation (POST, 1 KB body)");
		dimensions.put("memory", "gateway memory settings (1,024 connections)");
		dimensions.put("levers", "CPU levers (Redis replies on the request's event loop, lean observation)");
		return dimensions;
	}

	// ---------------------------------------------------------------------------------------------
	// Markdown

	@SuppressWarnings("unchecked")
	static String markdown(Map<String, Object> report) {
		Map<String, Object> meta = (Map<String, Object>) report.get("meta");
		Map<String, Object> results = (Map<String, Object>) report.get("variants");
		Map<String, Object> ratios = (Map<String, Object>) report.get("ratios");
		StringBuilder md = new StringBuilder();
		md.append("# Gatehouse benchmark ").append(meta.get("timestamp")).append("\n\n");
		md.append("Command: `").append(meta.get("command")).append("`  \n");
		md.append("Machine: ")
			.append(meta.get("cpu_model"))
			.append(", ")
			.append(meta.get("cores"))
			.append(" cores, ")
			.append(meta.get("ram"))
			.append(" RAM; ")
			.append(meta.get("jdk"))
			.append("; ")
			.append(meta.get("os"))
			.append("  \n");
		md.append("Source: ").append(meta.get("git")).append("  \n");
		md.append("Load average before / after: ")
			.append(meta.get("load_before"))
			.append(" / ")
			.append(meta.get("load_after"))
			.append("; other busy processes at the start: ")
			.append(meta.get("others_busy"))
			.append("  \n");
		md.append("Settings: warm-up ")
			.append(meta.get("warmup_s"))
			.append(" s per JVM, ")
			.append(meta.get("repetitions"))
			.append(" repetitions of ")
			.append(meta.get("measure_s"))
			.append(" s, wrk ")
			.append(meta.get("wrk_args"))
			.append(", fixed rate ")
			.append(meta.get("fixed_rate"))
			.append(" req/s (half of direct's median; gw-full-null and null-direct: ")
			.append(meta.get("null_fixed_rate"))
			.append(" req/s, half of gw-full-null's median) over ")
			.append(meta.get("fixed_connections"))
			.append(" connections for ")
			.append(meta.get("measure_s"))
			.append(" s  \n");
		md.append("JVM options (every gateway, plain-scg and customer-service JVM): `")
			.append(meta.get("jvm_opts"))
			.append("`  \n");
		for (Object item : (List<Object>) meta.getOrDefault("jvms", List.of())) {
			Map<String, Object> jvm = (Map<String, Object>) item;
			md.append("JVM `")
				.append(jvm.get("name"))
				.append("`")
				.append(jvm.get("name").equals(meta.get("first_jvm")) ? " (variants without @)" : "")
				.append(": ")
				.append(jvm.get("version"))
				.append(", `")
				.append(jvm.get("options"))
				.append("`, ")
				.append(jvm.get("start"))
				.append("  \n");
		}
		md.append("Request: `GET ")
			.append(meta.get("path"))
			.append("` with a Keycloak client-credentials token of `")
			.append(meta.get("client"))
			.append("` (Keycloak stopped before measuring; keys served from a file)\n\n");

		md.append("## Maximum throughput (wrk, closed loop)\n\n");
		md.append(
				"Medians over the repetitions, [min–max] where they differ. 2xx req/s counts successful responses only. ")
			.append("CPU is µs of CPU time per request (user + system from /proc/<pid>/stat over the measured window), per ")
			.append("process. \"Other processes\" is the CPU the machine spent on anything else during the window ")
			.append("(/proc/stat), in cores out of ")
			.append(meta.get("cores"))
			.append(": above about 0.1 the run was disturbed.\n\n");
		md.append(
				"| variant | what | 2xx req/s | ratio | p50 ms | p99 ms | CPU µs/req: gateway | backend | nginx | redis | wrk | gateway RSS / HWM MB | other processes, cores |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Map.Entry<String, Object> entry : results.entrySet()) {
			Map<String, Object> result = (Map<String, Object>) entry.getValue();
			Map<String, Object> max = (Map<String, Object>) result.get("max");
			if (max == null || !max.containsKey("rps")) {
				continue;
			}
			Map<String, Object> cpu = (Map<String, Object>) max.getOrDefault("cpu_us_per_request", Map.of());
			md.append("| ")
				.append(entry.getKey())
				.append(" | ")
				.append(result.get("description"))
				.append(" | ")
				.append(fmt(max.get("rps"), 0))
				.append(" | ")
				.append(ratioText((Map<String, Object>) ratios.get(entry.getKey())))
				.append(" | ")
				.append(fmt(max.get("p50_ms"), 2))
				.append(" | ")
				.append(fmt(max.get("p99_ms"), 2))
				.append(" | ")
				.append(fmt(cpu.get("gateway"), 0))
				.append(" | ")
				.append(fmt(cpu.get("backend"), 0))
				.append(" | ")
				.append(fmt(cpu.get("nginx"), 0))
				.append(" | ")
				.append(fmt(cpu.get("redis"), 0))
				.append(" | ")
				.append(fmt(cpu.get("wrk"), 0))
				.append(" | ")
				.append(gatewayRss(max))
				.append(" | ")
				.append(fmt(max.get("other_processes_cores"), 2))
				.append(" |\n");
			Map<String, Object> failed = (Map<String, Object>) max.get("failed_share");
			if (failed != null && num(failed.get("max")) > 0.01) {
				md.append("| ⚠ ")
					.append(entry.getKey())
					.append(" | more than 1% of the responses were not 2xx or failed (up to ")
					.append(fmt(num(failed.get("max")) * 100, 1))
					.append("%): its figures are not those of a working gateway | | | | | | | | | | | |\n");
			}
		}
		md.append(
				"\n\"backend\" is customer-service (a Spring MVC service that validates the token again) or, for the ")
			.append("`-null` variants, the null nginx (`return 200`, counted under nginx). Errors (non-2xx, socket errors) ")
			.append("in any measured run: ")
			.append(errorsText(results))
			.append(". Requests of the Redis variants that ")
			.append("fell back to the gateway's local limit because Redis did not answer within `redis-timeout`: ")
			.append(fallbacksText(results))
			.append(".\n\n");

		md.append("## Latency at a fixed rate (open loop, coordinated omission corrected)\n\n");
		md.append(
				"| variant | target req/s | achieved | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | p99 − direct p99 | CPU µs/req: gateway | backend |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		Double directP99 = median(results, "direct", "fixed", "p99_ms");
		for (Map.Entry<String, Object> entry : results.entrySet()) {
			Map<String, Object> fixed = (Map<String, Object>) ((Map<String, Object>) entry.getValue()).get("fixed");
			if (fixed == null || !fixed.containsKey("p99_ms")) {
				continue;
			}
			Map<String, Object> cpu = (Map<String, Object>) fixed.getOrDefault("cpu_us_per_request", Map.of());
			Double p99 = median(results, entry.getKey(), "fixed", "p99_ms");
			md.append("| ")
				.append(entry.getKey())
				.append(" | ")
				.append(fmt(fixed.get("target_rate"), 0))
				.append(" | ")
				.append(fmt(fixed.get("achieved_rate"), 0))
				.append(" | ")
				.append(fmt(fixed.get("p50_ms"), 2))
				.append(" | ")
				.append(fmt(fixed.get("p90_ms"), 2))
				.append(" | ")
				.append(fmt(fixed.get("p99_ms"), 2))
				.append(" | ")
				.append(fmt(fixed.get("p999_ms"), 2))
				.append(" | ")
				.append(fmt(fixed.get("max_ms"), 1))
				.append(" | ")
				.append((p99 != null && directP99 != null) ? String.format(Locale.ROOT, "%+.2f ms", p99 - directP99)
						: "")
				.append(" | ")
				.append(fmt(cpu.get("gateway"), 0))
				.append(" | ")
				.append(fmt(cpu.get("backend"), 0))
				.append(" |\n");
		}

		md.append(jvmTable(results, (String) meta.get("first_jvm"), (Map<String, Object>) report.get("start_times_s")));
		md.append(sweepTable(report));
		md.append(refusalsText(results));

		md.append("\n## Start times\n\n| process | started in (s, Spring Boot's \"Started ... in\") |\n|---|---|\n");
		((Map<String, Object>) report.get("start_times_s")).forEach(
				(process, seconds) -> md.append("| ").append(process).append(" | ").append(seconds).append(" |\n"));

		md.append("\n## Targets (issue #17)\n\n| target | figure | value | status | detail |\n|---|---|---|---|---|\n");
		for (Object item : (List<Object>) report.get("targets")) {
			Map<String, Object> t = (Map<String, Object>) item;
			md.append("| ")
				.append(t.get("target"))
				.append(" | ")
				.append(t.get("figure"))
				.append(" | ")
				.append(t.get("value"))
				.append(" | **")
				.append(t.get("status"))
				.append("** | ")
				.append(t.get("detail"))
				.append(" |\n");
		}
		if (meta.get("jfr") != null) {
			md.append("\n## JFR\n\n").append(meta.get("jfr")).append("\n");
		}
		return md.toString();
	}

	/** The JVM-dependent variants, one row per JVM of the run. */
	@SuppressWarnings("unchecked")
	private static String jvmTable(Map<String, Object> results, String firstJvm, Map<String, Object> starts) {
		if (results.keySet().stream().noneMatch((name) -> name.contains("@"))) {
			return "";
		}
		StringBuilder md = new StringBuilder("\n## The JVMs side by side\n\n");
		md.append(
				"| variant | JVM | 2xx req/s | p99 ms | CPU µs/req: gateway | backend | gateway RSS / HWM MB | started in s |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		List<String> bases = results.keySet()
			.stream()
			.filter((name) -> name.contains("@"))
			.map((name) -> name.substring(0, name.indexOf('@')))
			.distinct()
			.toList();
		for (String base : bases) {
			for (Map.Entry<String, Object> entry : results.entrySet()) {
				String name = entry.getKey();
				if (!name.equals(base) && !name.startsWith(base + "@")) {
					continue;
				}
				Map<String, Object> result = (Map<String, Object>) entry.getValue();
				Map<String, Object> max = (Map<String, Object>) result.getOrDefault("max", Map.of());
				Map<String, Object> cpu = (Map<String, Object>) max.getOrDefault("cpu_us_per_request", Map.of());
				String jvm = name.contains("@") ? name.substring(name.indexOf('@') + 1) : firstJvm;
				Map<String, Object> started = (Map<String, Object>) result.getOrDefault("start_s", Map.of());
				if (started.isEmpty()) {
					// direct and nginx: the customer-service of that JVM's pass.
					Object service = starts
						.get(name.contains("@") ? "customer-service (@" + jvm + ")" : "customer-service");
					started = (service != null) ? Map.of("customer-service", service) : Map.of();
				}
				md.append("| ")
					.append(base)
					.append(" | ")
					.append(jvm)
					.append(" | ")
					.append(fmt(max.get("rps"), 0))
					.append(" | ")
					.append(fmt(max.get("p99_ms"), 2))
					.append(" | ")
					.append(fmt(cpu.get("gateway"), 0))
					.append(" | ")
					.append(fmt(cpu.get("backend"), 0))
					.append(" | ")
					.append(gatewayRss(max))
					.append(" | ")
					.append(started.values().stream().map(String::valueOf).reduce((x, y) -> x + ", " + y).orElse(""))
					.append(" |\n");
			}
		}
		return md.toString();
	}

	@SuppressWarnings("unchecked")
	private static String sweepTable(Map<String, Object> report) {
		Map<String, Object> sweep = (Map<String, Object>) report.get("sweep");
		if (sweep.isEmpty()) {
			return "";
		}
		Map<String, Object> points = (Map<String, Object>) sweep.get("points");
		Map<String, List<Object>> curves = (Map<String, List<Object>>) sweep.get("curves");
		StringBuilder md = new StringBuilder(
				"\n## The cost sweep (full chain, null backend; one dimension at a time)\n\n");
		md.append(
				"Curves in `sweep.png`. The base point (GET, 32 connections, the gateway's own routes, no generated API keys, ")
			.append("a token with 5 roles) is the first point of the connections and roles curves.\n\n");
		md.append(
				"| dimension | value | point | 2xx req/s | p50 ms | p99 ms | CPU µs/req: gateway | redis | gateway RSS / HWM MB | failed | JVM options |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		curves.forEach((dimension, values) -> {
			for (Object item : values) {
				Map<String, Object> value = (Map<String, Object>) item;
				Map<String, Object> max = (Map<String, Object>) points.get(value.get("point"));
				Map<String, Object> cpu = (Map<String, Object>) max.getOrDefault("cpu_us_per_request", Map.of());
				md.append("| ")
					.append(DIMENSIONS.getOrDefault(dimension, dimension))
					.append(" | ")
					.append(value.get("value"))
					.append(" | ")
					.append(value.get("point"))
					.append(" | ")
					.append(fmt(max.get("rps"), 0))
					.append(" | ")
					.append(fmt(max.get("p50_ms"), 2))
					.append(" | ")
					.append(fmt(max.get("p99_ms"), 2))
					.append(" | ")
					.append(fmt(cpu.get("gateway"), 0))
					.append(" | ")
					.append(fmt(cpu.get("redis"), 0))
					.append(" | ")
					.append(gatewayRss(max))
					.append(" | ")
					.append(failedPercent(max))
					.append(" | ")
					.append(jvmOptions(max))
					.append(" |\n");
			}
		});
		md.append(validationText(sweep));
		md.append(memoryTable(report, points));
		return md.toString();
	}

	/**
	 * The options a sweep point's gateway ran with beyond the run's: added to them, or,
	 * for a memory point, in their place (its whole setting, environment included).
	 */
	private static String jvmOptions(Map<String, Object> max) {
		Object setting = max.get("memory_setting");
		if (setting != null) {
			return "in place of the run's: `" + setting + "`";
		}
		String added = String.valueOf(max.getOrDefault("extra_jvm_opts", ""));
		return added.isBlank() ? "" : "added: `" + added + "`";
	}

	@SuppressWarnings("unchecked")
	private static String validationText(Map<String, Object> sweep) {
		Map<String, Object> cost = (Map<String, Object>) sweep.get("validation_cost");
		if (cost == null) {
			return "";
		}
		return "\nRequest validation (the gateway checks the POST body against customer-service's description; "
				+ "val-on against val-off, same route and body, each on a gateway of its own): gateway CPU "
				+ fmt(cost.get("gateway_cpu_us_per_request_added"), 0) + " µs per request more (on / off "
				+ fmt(cost.get("gateway_cpu_ratio_on_to_off"), 3) + "), throughput on / off "
				+ fmt(cost.get("rps_ratio_on_to_off"), 3) + ", p99 " + fmt(cost.get("p99_ms_added"), 2)
				+ " ms more. val-bad is refused (400) before the rate limiter and the backend.\n";
	}

	/**
	 * The memory points: the c1024 request on gateways with other memory settings, each
	 * held to the gateway's memory limit in the Kubernetes manifests.
	 */
	@SuppressWarnings("unchecked")
	private static String memoryTable(Map<String, Object> report, Map<String, Object> points) {
		Object limit = ((Map<String, Object>) report.get("meta")).get("gateway_memory_limit_mb");
		StringBuilder md = new StringBuilder();
		for (Map.Entry<String, Object> entry : points.entrySet()) {
			Map<String, Object> max = (Map<String, Object>) entry.getValue();
			if (!max.containsKey("memory_setting")) {
				continue;
			}
			if (md.length() == 0) {
				md.append("\n### Gateway memory settings at 1,024 connections\n\n")
					.append("Each setting on a gateway of its own (options in place of the run's JVM options; ")
					.append("NAME=value is the environment). Heap, non-heap, direct buffers and threads from the ")
					.append("gateway's actuator after the last run; RSS / HWM from /proc. The limit is the memory limit ")
					.append("of k8s/base/gateway.yaml: ")
					.append(limit)
					.append(" MiB; a pod whose peak (HWM) passes it is killed.\n\n")
					.append("| point | options and environment | 2xx req/s | p99 ms | CPU µs/req: gateway | ")
					.append("gateway RSS / HWM MB | heap committed MB | non-heap committed MB | direct buffers MB | ")
					.append("threads | HWM within the limit | failed |\n")
					.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
			}
			Map<String, Object> cpu = (Map<String, Object>) max.getOrDefault("cpu_us_per_request", Map.of());
			Map<String, Object> gatewayMemory = (Map<String, Object>) ((Map<String, Object>) max.getOrDefault("memory",
					Map.of()))
				.get("gateway");
			Map<String, Object> breakdown = (Map<String, Object>) max.getOrDefault("memory_breakdown", Map.of());
			String within = "";
			if (gatewayMemory != null && limit instanceof Number mib) {
				within = (num(gatewayMemory.get("vmhwm_mb")) < mib.doubleValue()) ? "yes" : "**no**";
			}
			md.append("| ")
				.append(entry.getKey())
				.append(" | `")
				.append(max.get("memory_setting"))
				.append("` | ")
				.append(fmt(max.get("rps"), 0))
				.append(" | ")
				.append(fmt(max.get("p99_ms"), 2))
				.append(" | ")
				.append(fmt(cpu.get("gateway"), 0))
				.append(" | ")
				.append(gatewayRss(max))
				.append(" | ")
				.append(measured(breakdown.get("heap_committed_mb")))
				.append(" | ")
				.append(measured(breakdown.get("nonheap_committed_mb")))
				.append(" | ")
				.append(measured(breakdown.get("direct_buffers_mb")))
				.append(" | ")
				.append(measured(breakdown.get("threads")))
				.append(" | ")
				.append(within)
				.append(" | ")
				.append(failedPercent(max))
				.append(" |\n");
		}
		return md.toString();
	}

	/** The gateway's largest VmRSS / VmHWM over the repetitions (MB), or nothing. */
	@SuppressWarnings("unchecked")
	private static String gatewayRss(Map<String, Object> aggregate) {
		Map<String, Object> gateway = (Map<String, Object>) ((Map<String, Object>) aggregate.getOrDefault("memory",
				Map.of()))
			.get("gateway");
		return (gateway != null) ? gateway.get("vmrss_mb") + " / " + gateway.get("vmhwm_mb") : "";
	}

	/**
	 * The largest share of failed or non-2xx responses over the repetitions, or nothing.
	 */
	@SuppressWarnings("unchecked")
	private static String failedPercent(Map<String, Object> aggregate) {
		Map<String, Object> failed = (Map<String, Object>) aggregate.get("failed_share");
		return (failed != null) ? fmt(num(failed.get("max")) * 100, 1) + "%" : "";
	}

	/** A figure read from the actuator, or nothing where it could not be read (-1). */
	private static String measured(Object value) {
		return (value == null || num(value) < 0) ? "" : String.valueOf(value);
	}

	@SuppressWarnings("unchecked")
	private static String refusalsText(Map<String, Object> results) {
		List<String> parts = new ArrayList<>();
		results.forEach((variant, result) -> {
			Object refused = ((Map<String, Object>) result).get("refused_with_401");
			if (refused != null) {
				parts.add(variant + " (" + String.join(", ", (List<String>) refused) + ")");
			}
		});
		return parts.isEmpty() ? ""
				: "\nChecked before measuring, each answered 401: " + String.join("; ", parts)
						+ ". (Wrong audience and expired: real Keycloak tokens of bench-only clients; bad signature: "
						+ "the benchmark's token with one signature character changed.)\n";
	}

	@SuppressWarnings("unchecked")
	private static String errorsText(Map<String, Object> results) {
		List<String> parts = new ArrayList<>();
		for (Map.Entry<String, Object> entry : results.entrySet()) {
			for (String kind : List.of("max", "fixed")) {
				Map<String, Object> agg = (Map<String, Object>) ((Map<String, Object>) entry.getValue()).get(kind);
				if (agg == null) {
					continue;
				}
				for (String key : List.of("errors_total", "non2xx")) {
					Map<String, Object> s = (Map<String, Object>) agg.get(key);
					if (s != null && num(s.get("max")) > 0) {
						parts.add(entry.getKey() + " " + kind + " " + key + " up to " + fmt(s, 0));
					}
				}
			}
		}
		return parts.isEmpty() ? "none" : String.join("; ", parts);
	}

	@SuppressWarnings("unchecked")
	private static String fallbacksText(Map<String, Object> results) {
		List<String> parts = new ArrayList<>();
		results.forEach((variant, result) -> {
			Object count = ((Map<String, Object>) result).get("rate_limit_fallbacks");
			if (count != null) {
				parts.add(variant + " " + count);
			}
		});
		return parts.isEmpty() ? "not measured" : String.join(", ", parts);
	}

	private static String ratioText(Map<String, Object> ratio) {
		if (ratio == null) {
			return "";
		}
		List<String> parts = new ArrayList<>();
		if (ratio.get("to_direct") != null) {
			parts.add(ratio.get("to_direct") + "× direct");
		}
		if (ratio.get("to_nginx") != null) {
			parts.add(ratio.get("to_nginx") + "× nginx");
		}
		if (ratio.get("to_null_direct") != null) {
			parts.add(ratio.get("to_null_direct") + "× null-direct");
		}
		return String.join(", ", parts);
	}

	/** A stats map as "median [min–max]", or a plain number. */
	@SuppressWarnings("unchecked")
	private static String fmt(Object value, int decimals) {
		if (value == null) {
			return "";
		}
		if (value instanceof Map<?, ?> map) {
			String median = fmt(((Map<String, Object>) map).get("median"), decimals);
			String min = fmt(((Map<String, Object>) map).get("min"), decimals);
			String max = fmt(((Map<String, Object>) map).get("max"), decimals);
			return min.equals(max) ? median : median + " [" + min + "–" + max + "]";
		}
		return String.format(Locale.ROOT, "%." + decimals + "f", num(value));
	}

	// ---------------------------------------------------------------------------------------------
	// Chart

	@SuppressWarnings("unchecked")
	static void chart(Map<String, Object> report, Path file) throws IOException {
		Map<String, Object> results = (Map<String, Object>) report.get("variants");
		Map<String, Object> meta = (Map<String, Object>) report.get("meta");
		DefaultCategoryDataset throughput = new DefaultCategoryDataset();
		DefaultCategoryDataset cpu = new DefaultCategoryDataset();
		List<String> processes = List.of("gateway", "backend", "nginx", "redis", "wrk");
		String ceiling = "";
		for (Map.Entry<String, Object> entry : results.entrySet()) {
			Map<String, Object> max = (Map<String, Object>) ((Map<String, Object>) entry.getValue()).get("max");
			if (max == null || !max.containsKey("rps")) {
				continue;
			}
			if (entry.getKey().equals("null-direct")) {
				// The load generator's ceiling: ten times the rest, it would flatten
				// every other bar.
				ceiling = " (null-direct, not drawn: " + fmt(max.get("rps"), 0) + " req/s)";
				continue;
			}
			throughput.addValue(num(((Map<String, Object>) max.get("rps")).get("median")), "req/s (median)",
					entry.getKey());
			Map<String, Object> perRequest = (Map<String, Object>) max.getOrDefault("cpu_us_per_request", Map.of());
			for (String process : processes) {
				Object stats = perRequest.get(process);
				cpu.addValue((stats != null) ? num(((Map<String, Object>) stats).get("median")) : 0, process,
						entry.getKey());
			}
		}
		Function<JFreeChart, JFreeChart> style = (chart) -> {
			chart.setBackgroundPaint(Color.WHITE);
			CategoryPlot plot = chart.getCategoryPlot();
			plot.setBackgroundPaint(new Color(248, 248, 248));
			plot.setRangeGridlinePaint(Color.GRAY);
			plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
			plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			if (plot.getRenderer() instanceof BarRenderer bars) {
				bars.setBarPainter(new StandardBarPainter());
				bars.setShadowVisible(false);
			}
			return chart;
		};
		JFreeChart top = style.apply(ChartFactory.createBarChart(
				"Maximum throughput, " + meta.get("cores") + " cores, " + meta.get("timestamp") + ceiling, null,
				"requests per second", throughput, PlotOrientation.VERTICAL, false, false, false));
		BarRenderer renderer = (BarRenderer) top.getCategoryPlot().getRenderer();
		renderer.setSeriesPaint(0, new Color(52, 101, 164));
		renderer.setDefaultItemLabelGenerator(
				new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0")));
		renderer.setDefaultItemLabelsVisible(true);
		JFreeChart bottom = style.apply(ChartFactory.createStackedBarChart("CPU time per request by process", null,
				"µs of CPU per request", cpu, PlotOrientation.VERTICAL, true, false, false));
		StackedBarRenderer stacked = (StackedBarRenderer) bottom.getCategoryPlot().getRenderer();
		Color[] colors = { new Color(204, 0, 0), new Color(52, 101, 164), new Color(78, 154, 6), new Color(237, 212, 0),
				new Color(136, 138, 133) };
		for (int i = 0; i < colors.length; i++) {
			stacked.setSeriesPaint(i, colors[i]);
		}
		int width = 1200;
		int height = 520;
		BufferedImage image = new BufferedImage(width, 2 * height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, 2 * height);
		top.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
		bottom.draw(g, new java.awt.geom.Rectangle2D.Double(0, height, width, height));
		g.setStroke(new BasicStroke(1));
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	/**
	 * One column per dimension; rows: 2xx req/s, gateway CPU µs per request, p99 ms,
	 * gateway RSS.
	 */
	@SuppressWarnings("unchecked")
	static void sweepChart(Map<String, Object> report, Path file) throws IOException {
		Map<String, Object> sweep = (Map<String, Object>) report.get("sweep");
		Map<String, Object> points = (Map<String, Object>) sweep.get("points");
		Map<String, List<Object>> curves = (Map<String, List<Object>>) sweep.get("curves");
		List<String> figures = List.of("2xx req/s", "gateway CPU µs/request", "p99 ms", "gateway RSS MB");
		int width = 360;
		int height = 300;
		BufferedImage image = new BufferedImage(width * Math.max(1, curves.size()), height * figures.size(),
				BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, image.getWidth(), image.getHeight());
		int column = 0;
		for (Map.Entry<String, List<Object>> curve : curves.entrySet()) {
			for (int row = 0; row < figures.size(); row++) {
				DefaultCategoryDataset data = new DefaultCategoryDataset();
				for (Object item : curve.getValue()) {
					Map<String, Object> value = (Map<String, Object>) item;
					Map<String, Object> max = (Map<String, Object>) points.get(value.get("point"));
					Object stats = switch (row) {
						case 0 -> max.get("rps");
						case 1 ->
							((Map<String, Object>) max.getOrDefault("cpu_us_per_request", Map.of())).get("gateway");
						case 2 -> max.get("p99_ms");
						default -> ((Map<String, Object>) max.getOrDefault("memory", Map.of())).get("gateway");
					};
					if (stats instanceof Map<?, ?> map) {
						Object figure = (row == 3) ? map.get("vmrss_mb") : map.get("median");
						data.addValue(num(figure), figures.get(row), String.valueOf(value.get("value")));
					}
				}
				JFreeChart chart = ChartFactory.createLineChart(
						figures.get(row) + " by " + DIMENSIONS.getOrDefault(curve.getKey(), curve.getKey()),
						DIMENSIONS.getOrDefault(curve.getKey(), curve.getKey()), figures.get(row), data,
						PlotOrientation.VERTICAL, false, false, false);
				chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
				chart.setBackgroundPaint(Color.WHITE);
				CategoryPlot plot = chart.getCategoryPlot();
				plot.setBackgroundPaint(new Color(248, 248, 248));
				plot.setRangeGridlinePaint(Color.GRAY);
				LineAndShapeRenderer renderer = (LineAndShapeRenderer) plot.getRenderer();
				renderer.setDefaultShapesVisible(true);
				plot.getRangeAxis().setUpperMargin(0.15);
				renderer.setSeriesPaint(0, new Color[] { new Color(52, 101, 164), new Color(204, 0, 0),
						new Color(78, 154, 6), new Color(117, 80, 123) }[row]);
				renderer.setSeriesStroke(0, new BasicStroke(2));
				renderer.setDefaultItemLabelGenerator(
						new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.#")));
				renderer.setDefaultItemLabelsVisible(true);
				chart.draw(g, new java.awt.geom.Rectangle2D.Double(column * width, row * height, width, height));
			}
			column++;
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	// ---------------------------------------------------------------------------------------------

	private static double num(Object value) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof String string && !string.isBlank()) {
			return Double.parseDouble(string);
		}
		return 0;
	}

	private static double round3(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static double round1(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
