package dev.gatehouse.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How every microbenchmark of this module runs, declared once so that their results stay
 * comparable (JMH's annotations are inherited; a benchmark class may override one, as
 * {@link JwtBenchmarks} does its time unit): one state shared by the benchmark's threads,
 * average time per call, 3 warm-up and 5 measured iterations of 2 s, one fork on G1 with
 * a 512 MB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-XX:+UseG1GC", "-Xmx512m" })
public abstract class BenchmarkState {

}
