package dev.gatehouse.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway's Redis client (Lettuce) hands its replies on, under
 * {@code gatehouse.gateway.redis}: a CPU lever of docs/performance.md, on by default
 * since the benchmark showed it cheaper (with the lean observation of application.yaml).
 *
 * @param replyThread where a request continues after a Redis reply
 */
@ConfigurationProperties("gatehouse.gateway.redis")
record RedisClientProperties(@DefaultValue("request-event-loop") ReplyThread replyThread) {

	enum ReplyThread {

		/**
		 * On Lettuce's computation threads, to which {@code publishOnScheduler} hands
		 * every reply (see RateLimitConfiguration): every request moves there from its
		 * event loop after its rate-limit check.
		 */
		LETTUCE,

		/**
		 * Back on the request's own Reactor Netty event loop, the one that subscribed to
		 * the command and will write the response.
		 */
		REQUEST_EVENT_LOOP

	}

}
