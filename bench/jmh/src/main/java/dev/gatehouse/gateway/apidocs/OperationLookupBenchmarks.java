package dev.gatehouse.gateway.apidocs;

import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.gatehouse.bench.jmh.BenchmarkState;

/**
 * Finding the operation of a checked write ({@code POST /api/customers}) among
 * customer-service's paths, as request validation did it for every request (each service
 * path mapped to the route's public path, which rewrites and parses paths, then parsed as
 * a pattern) and as it does now (the public patterns worked out once per fetched
 * description, then matched). In the gateway's package: {@link PublicRoute} is
 * package-private.
 */
public class OperationLookupBenchmarks extends BenchmarkState {

	private static final List<String> SERVICE_PATHS = List.of("/api/customers", "/api/customers/me",
			"/api/customers/{id}");

	private PublicRoute route;

	private List<PathPattern> patterns;

	@Setup
	public void setUp() {
		this.route = new PublicRoute("customers", "customer-service",
				List.of(PathPatternParser.defaultInstance.parse("/api/customers"),
						PathPatternParser.defaultInstance.parse("/api/customers/**")),
				null, null, List.of("user-token"), false);
		this.patterns = SERVICE_PATHS.stream()
			.map((path) -> PathPatternParser.defaultInstance.parse(this.route.publicPath(path).orElseThrow()))
			.toList();
	}

	@Benchmark
	public void perRequestMapping(Blackhole sink) {
		PathContainer path = PathContainer.parsePath("/api/customers");
		for (String servicePath : SERVICE_PATHS) {
			this.route.publicPath(servicePath).ifPresent((publicPath) -> {
				PathPattern pattern = PathPatternParser.defaultInstance.parse(publicPath);
				sink.consume(pattern.matches(path) ? pattern.matchAndExtract(path) : null);
			});
		}
	}

	@Benchmark
	public void precomputedPatterns(Blackhole sink) {
		PathContainer path = PathContainer.parsePath("/api/customers");
		for (PathPattern pattern : this.patterns) {
			sink.consume(pattern.matchAndExtract(path));
		}
	}

}
