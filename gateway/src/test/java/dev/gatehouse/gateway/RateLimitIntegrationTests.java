package dev.gatehouse.gateway;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import reactor.netty.http.HttpResources;

import reactor.core.scheduler.Schedulers;

import reactor.core.publisher.Mono;

import io.netty.channel.EventLoopGroup;

import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.gatehouse.gateway.support.Burst;
import dev.gatehouse.gateway.support.GatewayTestSupport;
import dev.gatehouse.gateway.support.RedisServer;
import dev.gatehouse.test.TlsClient;
import dev.gatehouse.gateway.tls.TlsListener;

import static dev.gatehouse.test.TlsClient.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits and quotas against a real Redis (a {@code redis-server} process the test
 * starts): exact burst capacity, one limit shared by two gateway instances, the outage
 * policies while Redis is stopped, shared limiting again once it is back, and a quota
 * that resets with its period. Failed Basic logins too: counted across both instances,
 * and refused (fail-closed) while Redis is down.
 */
class RateLimitIntegrationTests extends GatewayTestSupport {

	static final Logger log = LoggerFactory.getLogger(RateLimitIntegrationTests.class);

	static final String UMBRELLA = "ghk_test_umbrella_narrow";

	static final Duration QUOTA_PERIOD = Duration.ofSeconds(4);

	/**
	 * Not a speed target: without the 200 ms Redis timeout a request would wait for
	 * Lettuce's defaults (10 s to connect, 60 s per command), so this bound tells the two
	 * apart with room for a busy machine (a TLS handshake included).
	 */
	static final Duration NO_STALL = Duration.ofSeconds(5);

	static final int MAX_FAILED_AUTHENTICATIONS = 8;

	static final RedisServer redis = RedisServer.startOnFreePort();

	/**
	 * 5 requests at once (500 tokens, 100 per request), then one per 100 s: no request
	 * refills during a test.
	 */
	static final Map<String, String> settings = settings();

	static ConfigurableApplicationContext secondInstance;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ReactiveStringRedisTemplate redisTemplate;

	@DynamicPropertySource
	static void rateLimits(DynamicPropertyRegistry registry) {
		register(registry, settings);
	}

	static Map<String, String> settings() {
		Map<String, String> settings = redisStore(redis);
		settings.put("gatehouse.gateway.rate-limits.routes.policies.replenish-rate", "1");
		settings.put("gatehouse.gateway.rate-limits.routes.policies.burst-capacity", "500");
		settings.put("gatehouse.gateway.rate-limits.routes.policies.requested-tokens", "100");
		settings.put("gatehouse.gateway.rate-limits.quotas.partners.umbrella.limit", "3");
		settings.put("gatehouse.gateway.rate-limits.quotas.partners.umbrella.period", QUOTA_PERIOD.toSeconds() + "s");
		// Bursts below come from addresses of their own (behind the trusted proxy ::1),
		// so that
		// 127.0.0.1, which other tests here use, stays far below this.
		settings.put("gatehouse.gateway.failed-authentication.max-failures",
				Integer.toString(MAX_FAILED_AUTHENTICATIONS));
		return settings;
	}

	@BeforeAll
	static void startSecondInstance() {
		// Stopped after another class sharing this server (a subclass) ran first.
		redis.start();
		secondInstance = startSecondGateway(settings);
	}

	@AfterAll
	static void stopSecondInstanceAndRedis() {
		if (secondInstance != null) {
			secondInstance.close();
		}
		redis.stop();
	}

	WebTestClient secondClient() {
		return client("http://127.0.0.1:" + port(secondInstance));
	}

	String policyReader(String client) {
		return bearer(issuer.clientToken(client, "policy:read").build());
	}

	@Test
	void burstOnOneKeyPassesExactlyTheCapacityAndRefusesTheRestWithRetryAfter() {
		String token = policyReader("rl-burst");
		List<String> remaining = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			EntityExchangeResult<byte[]> ok = client().get()
				.uri("/api/policies")
				.header("Authorization", token)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-RateLimit-Burst-Capacity", "500")
				.expectHeader()
				.valueEquals("X-RateLimit-Replenish-Rate", "1")
				.expectHeader()
				.valueEquals("X-RateLimit-Requested-Tokens", "100")
				.expectBody()
				.returnResult();
			remaining.add(ok.getResponseHeaders().getFirst("X-RateLimit-Remaining"));
		}
		// 100 tokens per request; the bucket refills 1 token per second, far too little
		// for another request.
		assertThat(remaining).hasSize(5).allSatisfy((tokens) -> assertThat(Integer.parseInt(tokens)).isLessThan(500));
		assertThat(Integer.parseInt(remaining.get(4))).isLessThan(100);
		for (int i = 0; i < 3; i++) {
			client().get()
				.uri("/api/policies")
				.header("Authorization", token)
				.exchange()
				.expectStatus()
				.isEqualTo(429)
				.expectHeader()
				.valueEquals("Retry-After", "100")
				.expectHeader()
				.exists("X-RateLimit-Remaining")
				.expectHeader()
				.doesNotExist("X-Gatehouse-Refusal-Type")
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(GatewayProblem.RATE_LIMITED.type())
				.jsonPath("$.status")
				.isEqualTo(429)
				.jsonPath("$.title")
				.isEqualTo("Rate limit exceeded")
				.jsonPath("$.detail")
				.value(String.class,
						(detail) -> assertThat(detail).contains("route policies").contains("retry after 100 s"))
				.jsonPath("$.traceId")
				.exists();
		}
		assertThat(policies.received()).hasSize(5);
	}

	@Test
	void twoInstancesSharingOneRedisEnforceOneCombinedLimit() {
		String token = policyReader("rl-shared");
		int passed = 0;
		for (int i = 0; i < 10; i++) {
			WebTestClient instance = (i % 2 == 0) ? client() : secondClient();
			EntityExchangeResult<String> result = instance.get()
				.uri("/api/policies")
				.header("Authorization", token)
				.exchange()
				.expectBody(String.class)
				.returnResult();
			int status = result.getStatus().value();
			assertThat(status).as(result.getResponseBody()).isIn(200, 429);
			passed += (status == 200) ? 1 : 0;
		}
		assertThat(passed).isEqualTo(5);
	}

	@Test
	void redisOutageFallsBackWithoutStallingAndSharedLimitingResumesWhenItReturns() throws Exception {
		double fallbacksBefore = fallbacks("customers", "local-allowed");
		redis.stop();
		try {
			// Fail-open route: served under a per-instance limit, never waiting much
			// beyond the timeout.
			String reader = bearer(issuer.clientToken("rl-outage", "customer:read").build());
			for (int i = 0; i < 3; i++) {
				Instant start = Instant.now();
				client().get()
					.uri("/api/customers")
					.header("Authorization", reader)
					.exchange()
					.expectStatus()
					.isOk()
					.expectHeader()
					.exists("X-RateLimit-Remaining");
				assertThat(Duration.between(start, Instant.now())).isLessThan(NO_STALL);
			}
			assertThat(fallbacks("customers", "local-allowed")).isGreaterThanOrEqualTo(fallbacksBefore + 3);

			managementClient().get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DEGRADED");
		}
		finally {
			redis.start();
		}

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> managementClient().get()
				.uri("/actuator/health")
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP"));
		// Both instances count in Redis again: one combined limit, without any restart.
		twoInstancesSharingOneRedisEnforceOneCombinedLimit();
	}

	@Test
	void failedBasicLoginsSpreadOverBothInstancesLockTheUserOnBoth() {
		TlsClient https = https();
		// Three failures (the test profile's max-failures-per-user), two of them on the
		// first instance.
		for (int i = 0; i < 3; i++) {
			String url = internalReports((i % 2 == 0) ? 1 : 2);
			assertThat(https.get(url, "Authorization", basic("locksmith", "guess" + i)).statusCode()).isEqualTo(401);
		}
		for (int instance = 1; instance <= 2; instance++) {
			HttpResponse<String> locked = https.get(internalReports(instance), "Authorization",
					basic("locksmith", "locksmith-pass"));
			assertThat(locked.statusCode()).as("instance " + instance).isEqualTo(429);
			assertThat(locked.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3L));
			assertThat(locked.body()).contains("\"type\":\"" + GatewayProblem.TOO_MANY_FAILED_LOGINS.type() + "\"");
		}
	}

	@Test
	void parallelGuessesReachThePasswordCheckAtMostTheLockThresholdTimes() {
		// 30 guesses at once for one user; the test profile locks a user after 3
		// failures.
		Burst.Result burst = Burst.get(tlsDirectory, internalReportsViaProxy(), 30, (i) -> new String[] {
				"X-Forwarded-For", "10.51.100.40", "Authorization", basic("burst-redis", "burst-redis-guess-" + i) });
		assertThat(this.passwordChecks.count("burst-redis-guess-")).isEqualTo(3);
		// Refused as locked, or as one login too many in progress at once; never checked.
		assertThat(burst.statuses()).isEqualTo(Map.of(401, 3L, 429, 27L));
		assertThat(burst.withStatus(429)).allSatisfy((locked) -> assertThat(locked.body()).containsAnyOf(
				"\"type\":\"" + GatewayProblem.TOO_MANY_FAILED_LOGINS.type() + "\"",
				"\"type\":\"" + GatewayProblem.TOO_MANY_CONCURRENT_LOGINS.type() + "\""));
	}

	/**
	 * 150 wrong logins at once, each for another user name and from another address so
	 * that every one needs a password check: each is refused as a failure (401) or for
	 * want of capacity (429), never because Redis answered too late (503). Not a speed
	 * target: the time is logged for the test report.
	 */
	@Test
	void aBurstOf150ParallelWrongLoginsGets401Or429NeverA5xx() {
		double refusalsBefore = fallbacks("basic-login", "refused");
		Burst.Result burst = Burst.get(tlsDirectory, internalReportsViaProxy(), 150, (i) -> new String[] {
				"X-Forwarded-For", "10.18.0." + i, "Authorization", basic("flood-" + i, "flood-guess-" + i) });
		log.info("150 parallel wrong logins with Redis: {} in {} ms, {} password checks", burst.statuses(),
				burst.took().toMillis(), this.passwordChecks.count("flood-guess-"));
		assertThat(burst.statuses().keySet()).as(burst.statuses().toString()).isSubsetOf(401, 429);
		assertThat(burst.withStatus(429)).allSatisfy((busy) -> {
			assertThat(busy.headers().firstValue("Retry-After")).isPresent();
			assertThat(busy.body()).contains("\"type\":\"urn:gatehouse:problem:too-many-concurrent-logins\"");
		});
		assertThat(fallbacks("basic-login", "refused")).as("logins refused because Redis did not answer")
			.isEqualTo(refusalsBefore);
	}

	@Test
	void basicLoginsFailClosedWhileRedisIsDownAndWorkAgainWhenItReturns() {
		TlsClient https = https();
		double refusalsBefore = fallbacks("basic-login", "refused");
		redis.stop();
		try {
			// Even the right password is refused: a login that cannot be counted is never
			// checked.
			for (String password : new String[] { "ops-pass", "wrong" }) {
				for (int instance = 1; instance <= 2; instance++) {
					Instant start = Instant.now();
					HttpResponse<String> refused = https.get(internalReports(instance), "Authorization",
							basic("ops", password));
					assertThat(Duration.between(start, Instant.now())).isLessThan(NO_STALL);
					assertThat(refused.statusCode()).as("instance " + instance).isEqualTo(503);
					assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
					assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
					assertThat(refused.body())
						.contains("\"type\":\"" + GatewayProblem.RATE_LIMIT_UNAVAILABLE.type() + "\"")
						.contains("\"status\":503");
				}
			}
			assertThat(fallbacks("basic-login", "refused")).isGreaterThanOrEqualTo(refusalsBefore + 2);
		}
		finally {
			redis.start();
		}
		for (int instance = 1; instance <= 2; instance++) {
			String url = internalReports(instance);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(https.get(url, "Authorization", basic("ops", "ops-pass")).statusCode())
					.isEqualTo(200));
		}
	}

	@Test
	void exhaustedQuotaAnswers429UntilThePeriodResets() throws Exception {
		// Start early in a quota window, so that the three allowed requests fall in the
		// same one.
		long intoWindow = System.currentTimeMillis() % QUOTA_PERIOD.toMillis();
		if (intoWindow > 1000) {
			Thread.sleep(QUOTA_PERIOD.toMillis() - intoWindow + 50);
		}
		for (int remaining = 2; remaining >= 0; remaining--) {
			client().get()
				.uri("/partner/v1/policies/P-1")
				.header("x-api-key", UMBRELLA)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Quota-Limit", "3")
				.expectHeader()
				.valueEquals("X-Quota-Remaining", Integer.toString(remaining));
		}
		EntityExchangeResult<byte[]> refused = client().get()
			.uri("/partner/v1/policies/P-1")
			.header("x-api-key", UMBRELLA)
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(GatewayProblem.QUOTA_EXCEEDED.type())
			.jsonPath("$.title")
			.isEqualTo("Quota exceeded")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("Partner umbrella").contains("quota of 3"))
			.returnResult();
		long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"));
		assertThat(retryAfter).isBetween(1L, QUOTA_PERIOD.toSeconds());
		assertThat(policies.received()).hasSize(3);

		await().atMost(QUOTA_PERIOD.plusSeconds(2))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> client().get()
				.uri("/partner/v1/policies/P-1")
				.header("x-api-key", UMBRELLA)
				.exchange()
				.expectStatus()
				.isOk());
	}

	@Test
	void refusedCredentialsCountedOnBothInstancesBlockTheAddressOnBoth() {
		String client = "198.51.100.41";
		String secondViaProxy = "http://[::1]:" + port(secondInstance);
		for (int i = 0; i < MAX_FAILED_AUTHENTICATIONS; i++) {
			WebTestClient instance = (i % 2 == 0) ? viaTrustedProxy() : client(secondViaProxy);
			instance.get()
				.uri("/api/policies")
				.header("X-Forwarded-For", client)
				.header("Authorization", "Bearer not.a.token" + i)
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
		String valid = policyReader("rl-blocked");
		for (WebTestClient instance : List.of(viaTrustedProxy(), client(secondViaProxy))) {
			instance.get()
				.uri("/api/policies")
				.header("X-Forwarded-For", client)
				.header("Authorization", valid)
				.exchange()
				.expectStatus()
				.isEqualTo(429)
				.expectHeader()
				.exists("Retry-After")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(GatewayProblem.TOO_MANY_FAILED_AUTHENTICATIONS.type());
		}
		assertThat(policies.received()).isEmpty();
	}

	TlsClient https() {
		return new TlsClient(tlsDirectory);
	}

	String internalReports(int instance) {
		TlsListener tls = (instance == 1) ? this.tls : secondInstance.getBean(TlsListener.class);
		return "https://127.0.0.1:" + tls.port() + "/internal/reports";
	}

	/**
	 * The first instance's TLS listener through the trusted proxy (::1): X-Forwarded-For
	 * names the client.
	 */
	String internalReportsViaProxy() {
		return "https://[::1]:" + this.tls.port() + "/internal/reports";
	}

	WebTestClient managementClient() {
		return client("http://127.0.0.1:" + this.managementPort);
	}

	double fallbacks(String route, String decision) {
		Counter counter = this.meters.find("gatehouse.ratelimit.fallbacks")
			.tag("route", route)
			.tag("decision", decision)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Where a request continues after a Redis reply in this class's gateway: on the
	 * Reactor Netty event loop that sent the command (the default), or on Lettuce's
	 * threads (a subclass with {@code reply-thread=lettuce}).
	 */
	boolean repliesOnTheRequestsEventLoop() {
		return true;
	}

	@Test
	void redisRepliesContinueOnTheThreadsReplyThreadNames() throws Exception {
		EventLoopGroup loops = HttpResources.get().onServer(true);
		List<Thread> senders = new ArrayList<>();
		List<Thread> receivers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			EventLoop loop = loops.next();
			senders.add(loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS));
			receivers.add(Mono.defer(() -> this.redisTemplate.opsForValue().set("reply-thread:probe", "1"))
				.map((done) -> Thread.currentThread())
				.subscribeOn(Schedulers.fromExecutor(loop))
				.block(Duration.ofSeconds(5)));
		}
		assertThat(senders).extracting(Thread::getName)
			.allSatisfy((name) -> assertThat(name).startsWith("reactor-http"));
		assertThat(senders).doesNotHaveDuplicates();
		if (repliesOnTheRequestsEventLoop()) {
			assertThat(receivers).isEqualTo(senders);
		}
		else {
			assertThat(receivers).extracting(Thread::getName)
				.allSatisfy((name) -> assertThat(name).startsWith("lettuce-"));
		}
	}

	@Test
	void observationKeepsRequestTimersAndTraceContextButNoInFlightGaugesOrRedisCommandObservations() {
		traceContextReachesTheBackend(policyReader("observation-trace"));
		refusalNamesTheTrace();
		assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.meters.find("http.client.requests").timers()).isNotEmpty();
		assertThat(this.meters.find("http.server.requests.active").meters()).isEmpty();
		assertThat(this.meters.find("http.client.requests.active").meters()).isEmpty();
		assertThat(this.meters.find("lettuce").meters()).isEmpty();
	}

}
