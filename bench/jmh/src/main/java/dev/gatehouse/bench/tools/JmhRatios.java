package dev.gatehouse.bench.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints, from JMH's JSON results, how a benchmark's score grows with its {@code routes}
 * parameter: per benchmark and combination of its other parameters, the score at the
 * largest count over the score at the smallest (1.00: flat). bench/jmh/run calls it after
 * every run; benchmarks without that parameter are left out.
 *
 * <pre>
 * JmhRatios jmh.json
 * </pre>
 */
public final class JmhRatios {

	private static final String SIZE = "routes";

	private JmhRatios() {
	}

	public static void main(String[] args) throws IOException {
		JsonNode results = JsonMapper.builder().build().readTree(Path.of(args[0]).toFile());
		Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
		for (JsonNode result : results) {
			JsonNode params = result.path("params");
			if (!params.has(SIZE)) {
				continue;
			}
			Map<String, String> others = new TreeMap<>();
			params.properties().forEach((entry) -> {
				if (!entry.getKey().equals(SIZE)) {
					others.put(entry.getKey(), entry.getValue().asString());
				}
			});
			String benchmark = result.path("benchmark").asString();
			String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
			groups.computeIfAbsent(name + " " + others, (key) -> new ArrayList<>()).add(result);
		}
		groups.forEach((group, members) -> {
			members.sort(
					Comparator.comparingLong((member) -> Long.parseLong(member.path("params").path(SIZE).asString())));
			JsonNode smallest = members.get(0);
			JsonNode largest = members.get(members.size() - 1);
			if (members.size() > 1) {
				System.out.printf(Locale.ROOT, "%s: %s %s %.1f %s / %s %s %.1f %s = %.2f%n", group, size(largest), SIZE,
						score(largest), unit(largest), size(smallest), SIZE, score(smallest), unit(smallest),
						score(largest) / score(smallest));
			}
		});
	}

	private static String size(JsonNode result) {
		return result.path("params").path(SIZE).asString();
	}

	private static double score(JsonNode result) {
		return result.path("primaryMetric").path("score").asDouble();
	}

	private static String unit(JsonNode result) {
		return result.path("primaryMetric").path("scoreUnit").asString();
	}

}
