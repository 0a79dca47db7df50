package dev.gatehouse.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of {@link RateLimitIntegrationTests} again (exact burst, one limit across
 * two instances, outages, quotas, failed logins) with the CPU levers of
 * docs/performance.md on in both instances: Redis replies continue on the request's event
 * loop, and observation is lean. Plus what shows each lever is wired.
 */
// Not a @DynamicPropertySource: those come after environment post-processors, and lean
// observation is applied by one (LeanObservation).
@TestPropertySource(properties = { RateLimitWithCpuLeversIntegrationTests.REPLY_THREAD,
		RateLimitWithCpuLeversIntegrationTests.LEAN_OBSERVATION })
class RateLimitWithCpuLeversIntegrationTests extends RateLimitIntegrationTests {

	static final String REPLY_THREAD = "gatehouse.gateway.redis.reply-thread=request-event-loop";

	static final String LEAN_OBSERVATION = "gatehouse.gateway.observation.lean=true";

	@Autowired
	ReactiveStringRedisTemplate redisTemplate;

	// Hides RateLimitIntegrationTests' own: the second instance gets the levers too.
	@BeforeAll
	static void startSecondInstance() {
		redis.start();
		Map<String, String> withLevers = new LinkedHashMap<>(settings);
		for (String lever : List.of(REPLY_THREAD, LEAN_OBSERVATION)) {
			withLevers.put(lever.substring(0, lever.indexOf('=')), lever.substring(lever.indexOf('=') + 1));
		}
		secondInstance = startSecondGateway(withLevers);
	}

	@Test
	void redisRepliesContinueOnTheEventLoopThatSentTheCommand() throws Exception {
		EventLoopGroup loops = HttpResources.get().onServer(true);
		List<Thread> senders = new ArrayList<>();
		List<Thread> receivers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			EventLoop loop = loops.next();
			senders.add(loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
			receivers.add(Mono.defer(() -> this.redisTemplate.opsForValue().set("levers:probe", "1"))
				.map((done) -> Thread.currentThread())
				.subscribeOn(Schedulers.fromExecutor(loop))
				.block(Duration.ofSeconds(5)));
		}
		assertThat(receivers).isEqualTo(senders);
		assertThat(senders).extracting(Thread::getName)
			.allSatisfy((name) -> assertThat(name).startsWith("reactor-http"));
		assertThat(senders).doesNotHaveDuplicates();
	}

	@Test
	void leanObservationKeepsRequestTimersAndTraceContextButNoInFlightGaugesOrRedisCommandObservations() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		client().get()
			.uri("/api/policies")
			.header("Authorization", policyReader("levers-trace"))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(policies.received().get(0).header("traceparent")).startsWith("00-" + traceId + "-")
			.doesNotContain("00f067aa0ba902b7");
		client().get()
			.uri("/api/policies")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.traceId")
			.isEqualTo(traceId);
		assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.meters.find("http.client.requests").timers()).isNotEmpty();
		assertThat(this.meters.find("http.server.requests.active").meters()).isEmpty();
		assertThat(this.meters.find("http.client.requests.active").meters()).isEmpty();
		assertThat(this.meters.find("lettuce").meters()).isEmpty();
	}

}
