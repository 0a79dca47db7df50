package dev.gatehouse.gateway.observation;

/**
 * The gateway's observation settings, under {@code gatehouse.gateway.observation}: a CPU
 * lever of docs/performance.md, off by default until a benchmark shows it better.
 *
 * @param lean whether to leave out the observation work no documented metric, log or
 * problem body reads: the in-flight request gauges ({@code *.active} long-task timers) of
 * every observation, and the observation of each Redis command ({@code lettuce}).
 * Requests stay observed: {@code http.server.requests} and {@code http.client.requests}
 * timers, spans, trace ids in logs and problem bodies, and the {@code traceparent} sent
 * to the backends.
 */
record ObservationProperties(boolean lean) {

	static final String PREFIX = "gatehouse.gateway.observation";

}
