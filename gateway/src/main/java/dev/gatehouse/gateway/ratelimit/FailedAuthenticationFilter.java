package dev.gatehouse.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.gateway.GatewayProblem;
import dev.gatehouse.gateway.apikey.ApiKeyAuthenticationConverter;
import dev.gatehouse.gateway.web.FilterOrder;
import dev.gatehouse.gateway.web.GatewayAttributes;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * Blocks a client address after too many refused credentials of any kind
 * ({@link FailedAuthenticationProperties}), ahead of every security chain: a blocked
 * address gets 429 with {@code Retry-After} before its credential is read, so it learns
 * nothing more, valid credential or not. A refusal counts when the answer is 401 and the
 * request carried a credential (an {@code Authorization} or {@code x-api-key} header, or
 * a client certificate); a request with none is not a guess. Successful requests cost one
 * look-up in memory and nothing else.
 * <p>
 * With Redis, each refusal is counted in one counter per address shared by all replicas.
 * A replica keeps in memory the addresses it has seen refused within the window, and asks
 * Redis about those only (one script call) before letting their next request through, so
 * all replicas that have seen an address fail agree on its block, while requests from
 * addresses without failures never wait for Redis. A replica that has never seen the
 * address fail lets one attempt through before it knows. When Redis does not answer,
 * refusals are counted in memory (per instance) and
 * {@code gatehouse.ratelimit.fallbacks{route=failed-authentication,decision=local-counted}}
 * counts it. Spring Cloud Gateway's and Spring Security's limiters count requests, not
 * outcomes, hence this filter.
 */
class FailedAuthenticationFilter implements WebFilter, Ordered {

	/**
	 * ARGV: limit. Answers the block's remaining ms when the count has reached the limit,
	 * else 0.
	 */
	private static final RedisScript<Long> CHECK_SCRIPT = RedisScript.of("""
			local count = tonumber(redis.call('GET', KEYS[1]) or '0')
			if count >= tonumber(ARGV[1]) then return math.max(1, redis.call('PTTL', KEYS[1])) end
			return 0""", Long.class);

	/**
	 * ARGV: limit, window, block (ms). Answers the block's remaining ms once the count
	 * reaches the limit, else 0.
	 */
	private static final RedisScript<Long> FAILED_SCRIPT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			if count == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
			if count >= tonumber(ARGV[1]) then return math.max(1, redis.call('PTTL', KEYS[1])) end
			return 0""", Long.class);

	private final FailedAuthenticationProperties properties;

	private final AttemptCounters local;

	private final ReactiveStringRedisTemplate redis;

	private final Duration redisTimeout;

	private final RateLimitStoreHealth health;

	private final MeterRegistry meters;

	private final ReactiveProblemResponses responses;

	private final SecurityAudit audit;

	/**
	 * @param redis the shared store, or null to count in memory only
	 */
	FailedAuthenticationFilter(FailedAuthenticationProperties properties, ReactiveStringRedisTemplate redis,
			Duration redisTimeout, RateLimitStoreHealth health, MeterRegistry meters, Clock clock,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		this.properties = properties;
		this.local = new AttemptCounters(properties.getMaxTracked(), properties.getWindow(), properties.getBlock(),
				clock);
		this.redis = redis;
		this.redisTimeout = redisTimeout;
		this.health = health;
		this.meters = meters;
		this.responses = responses;
		this.audit = audit;
	}

	@Override
	public int getOrder() {
		return FilterOrder.FAILED_AUTHENTICATION;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String client = GatewayAttributes.clientAddress(exchange);
		Duration blocked = this.local.lockedFor(client, this.properties.getMaxFailures());
		if (blocked != null) {
			return refuse(exchange, client, blocked);
		}
		if (this.redis == null || !this.local.tracked(client)) {
			return proceed(exchange, chain, client);
		}
		return shared(CHECK_SCRIPT, client, List.of(Integer.toString(this.properties.getMaxFailures())))
			.onErrorResume((ex) -> {
				this.health.redisFailed(ex);
				return Mono.just(0L);
			})
			.flatMap((blockedMillis) -> (blockedMillis > 0) ? refuse(exchange, client, Duration.ofMillis(blockedMillis))
					: proceed(exchange, chain, client));
	}

	private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, String client) {
		return chain.filter(exchange)
			.then(Mono.defer(() -> refusedCredential(exchange) ? count(client) : Mono.empty()));
	}

	/**
	 * Runs a script on the address's shared counter; a block it reports is remembered
	 * here.
	 */
	private Mono<Long> shared(RedisScript<Long> script, String client, List<String> arguments) {
		return this.redis.execute(script, List.of("gatehouse:auth-failures:{" + client + "}"), arguments)
			.next()
			.timeout(this.redisTimeout)
			.doOnNext((blockedMillis) -> {
				this.health.redisAnswered();
				if (blockedMillis > 0) {
					this.local.lock(client, Duration.ofMillis(blockedMillis));
				}
			});
	}

	private Mono<Void> count(String client) {
		if (this.redis == null) {
			this.local.count(client, this.properties.getMaxFailures());
			return Mono.empty();
		}
		// Remembered here without ever blocking by itself: the shared counter decides.
		this.local.count(client, Integer.MAX_VALUE);
		return shared(FAILED_SCRIPT, client,
				List.of(Integer.toString(this.properties.getMaxFailures()),
						Long.toString(this.properties.getWindow().toMillis()),
						Long.toString(this.properties.getBlock().toMillis())))
			.onErrorResume((ex) -> {
				this.health.redisFailed(ex);
				this.meters
					.counter("gatehouse.ratelimit.fallbacks", "route", "failed-authentication", "decision",
							"local-counted")
					.increment();
				this.local.count(client, this.properties.getMaxFailures());
				return Mono.empty();
			})
			.then();
	}

	private static boolean refusedCredential(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		if (status == null || status.value() != 401) {
			return false;
		}
		ServerHttpRequest request = exchange.getRequest();
		SslInfo tls = request.getSslInfo();
		return request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				|| request.getHeaders().containsHeader(ApiKeyAuthenticationConverter.HEADER)
				|| (tls != null && tls.getPeerCertificates() != null && tls.getPeerCertificates().length > 0);
	}

	private Mono<Void> refuse(ServerWebExchange exchange, String client, Duration blocked) {
		long seconds = Math.max(1, (blocked.toMillis() + 999) / 1000);
		ServerHttpRequest request = exchange.getRequest();
		this.audit.denied(429, SecurityAudit.reason(GatewayProblem.TOO_MANY_FAILED_AUTHENTICATIONS.type()), null,
				request.getMethod().name(), request.getPath().value(), client);
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return this.responses.write(exchange,
				GatewayProblem.TOO_MANY_FAILED_AUTHENTICATIONS
					.with("Too many requests from your address (" + client + ") were refused for invalid credentials: "
							+ this.properties.getMaxFailures() + " within " + this.properties.getWindow().toSeconds()
							+ " s. Check the credentials your client sends; retry after " + seconds + " s."));
	}

}
