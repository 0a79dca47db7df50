package dev.gatehouse.bench.tools;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a sweep, from meta.json and raw.jsonl as bench/run writes them (the lines
 * below have the shape of the run of 2026-12-07 20:38, whose memory table came out
 * empty).
 */
class ReportTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String POD = "MALLOC_ARENA_MAX=2 -XX:ActiveProcessorCount=1 -XX:MaxRAM=768m -XX:MaxRAMPercentage=75";

	private static final String HEAP50 = "MALLOC_ARENA_MAX=2 -XX:+UseG1GC -XX:MaxRAM=768m -XX:MaxRAMPercentage=50";

	private static final String META = """
			{"timestamp":"20261207T203838Z","clk_tck":100,"gateway_memory_limit_mb":768,
			 "jvm_opts":"-XX:+UseG1GC -XX:MaxRAM=768m -XX:MaxRAMPercentage=75","variants":[],
			 "sweep":[
			  {"point":"val-off","row":"sweep-val-off","dimensions":[["validation","off"]],"extra_jvm_opts":""},
			  {"point":"k100000","row":"sweep-k100000","dimensions":[["api_keys","100000"]],"extra_jvm_opts":"-Xmx1g"},
			  {"point":"mem-pod","row":"sweep-mem-pod","dimensions":[["memory","pod"]],"extra_jvm_opts":"",
			   "memory_setting":"%s",
			   "memory":{"heap_committed_mb":180.6,"nonheap_committed_mb":69.6,"direct_buffers_mb":4.6,"threads":27}},
			  {"point":"mem-heap50","row":"sweep-mem-heap50","dimensions":[["memory","heap50"]],"extra_jvm_opts":"",
			   "memory_setting":"%s",
			   "memory":{"heap_committed_mb":384.0,"nonheap_committed_mb":-1,"direct_buffers_mb":2.4,"threads":28}}]}
			""".formatted(POD, HEAP50);

	/**
	 * One repetition per point: 20,000 requests in 20 s, 30 s of gateway CPU (1,500 µs
	 * per request); the gateway's VmRSS and VmHWM in kB.
	 */
	private static final String RAW = """
			{"type":"start","process":"gateway","variant":"sweep-val-off","started_s":6.907}
			{"type":"max","variant":"sweep-val-off","rep":1,"requests":20000,"duration_s":20.0,"rps":1000.0,"p50_ms":20.0,"p99_ms":60.0,"errors_total":0,"non2xx":0,"cpu_ticks":{"gateway":3000,"machine":3100},"rss_kb":{"gateway":[507904,507904]}}
			{"type":"max","variant":"sweep-k100000","rep":1,"requests":20000,"duration_s":20.0,"rps":1000.0,"p50_ms":20.0,"p99_ms":60.0,"errors_total":0,"non2xx":0,"cpu_ticks":{"gateway":3000,"machine":3100},"rss_kb":{"gateway":[507904,507904]}}
			{"type":"max","variant":"sweep-mem-pod","rep":1,"requests":20000,"duration_s":20.0,"rps":1000.0,"p50_ms":280.0,"p99_ms":4500.0,"errors_total":80,"non2xx":0,"cpu_ticks":{"gateway":3000,"machine":3100},"rss_kb":{"gateway":[440320,449536]}}
			{"type":"max","variant":"sweep-mem-heap50","rep":1,"requests":20000,"duration_s":20.0,"rps":1000.0,"p50_ms":280.0,"p99_ms":4800.0,"errors_total":0,"non2xx":0,"cpu_ticks":{"gateway":3000,"machine":3100},"rss_kb":{"gateway":[798720,819200]}}
			""";

	@Test
	void memoryPointsShowHeapNonHeapDirectBuffersAndThreadsAndWhetherThePeakStaysUnderThePodsLimit() {
		List<String> lines = markdown();
		assertThat(lines).contains("### Gateway memory settings at 1,024 connections");
		assertThat(lines)
			.anyMatch((line) -> line.contains("The limit is the memory limit of k8s/base/gateway.yaml: 768 MiB"));
		assertThat(row(lines, "| mem-pod | `")).isEqualTo("| mem-pod | `" + POD
				+ "` | 1000 | 4500.00 | 1500 | 430.0 / 439.0 | 180.6 | 69.6 | 4.6 | 27 | yes | 0.4% |");
		// A figure the actuator did not give (-1) is left blank, not shown as -1; a peak
		// above the limit is called out.
		assertThat(row(lines, "| mem-heap50 | `")).isEqualTo("| mem-heap50 | `" + HEAP50
				+ "` | 1000 | 4800.00 | 1500 | 780.0 / 800.0 | 384.0 |  | 2.4 | 28 | **no** | 0.0% |");
	}

	@Test
	void sweepTableNamesTheOptionsEachPointRanWithAddedOrInPlaceOfTheRunsOwn() {
		List<String> lines = markdown();
		assertThat(row(lines, "| gateway memory settings (1,024 connections) | pod | mem-pod |"))
			.endsWith("| 0.4% | in place of the run's: `" + POD + "` |");
		assertThat(row(lines, "| API keys | 100000 | k100000 |")).endsWith("| 0.0% | added: `-Xmx1g` |");
		assertThat(row(lines, "| request validation (POST, 1 KB body) | off | val-off |")).endsWith("| 0.0% |  |");
	}

	@Test
	@SuppressWarnings("unchecked")
	void reportJsonKeepsEachMemoryPointsSettingAndActuatorFigures() {
		Map<String, Object> points = points(report());
		assertThat(points.get("mem-pod")).extracting("memory_setting").isEqualTo(POD);
		assertThat(points.get("mem-pod")).extracting("memory_breakdown")
			.isEqualTo(Map.of("heap_committed_mb", 180.6, "nonheap_committed_mb", 69.6, "direct_buffers_mb", 4.6,
					"threads", 27));
		Map<String, Object> validationOff = (Map<String, Object>) points.get("val-off");
		assertThat(validationOff).doesNotContainKeys("memory_setting", "memory_breakdown");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> report() {
		Map<String, Object> meta = JSON.readValue(META, LinkedHashMap.class);
		List<Map<String, Object>> raw = Arrays.stream(RAW.split("\n"))
			.filter((line) -> !line.isBlank())
			.map((line) -> (Map<String, Object>) JSON.readValue(line, LinkedHashMap.class))
			.toList();
		return Report.build(meta, raw);
	}

	private static List<String> markdown() {
		return Report.markdown(report()).lines().toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> points(Map<String, Object> report) {
		return (Map<String, Object>) ((Map<String, Object>) report.get("sweep")).get("points");
	}

	private static String row(List<String> lines, String start) {
		List<String> rows = lines.stream().filter((line) -> line.startsWith(start)).toList();
		assertThat(rows).as("rows starting with %s", start).hasSize(1);
		return rows.get(0);
	}

}
