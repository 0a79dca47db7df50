package dev.gatehouse.gateway.ratelimit;

import io.netty.channel.EventLoopGroup;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;

/**
 * Lettuce publishes replies on its {@code eventExecutorGroup} (with
 * {@code publishOnScheduler}, see {@link RateLimitConfiguration}), taking the group's
 * {@code next()} executor when a command is subscribed to. Given Reactor Netty's global
 * event loops, on which the server and Spring Cloud Gateway's HTTP client run (Spring
 * Boot's {@code ReactorResourceFactory} holds other loops, for {@code WebClient}),
 * colocated ({@link LoopResources#colocate}: {@code next()} on an event loop is that
 * loop), a reply goes back to the event loop of the request that subscribed to it: the
 * request no longer continues on a Lettuce thread, and its response is written without
 * another hand-off.
 * <p>
 * Only the hand-off moves: Lettuce's connection stays on Lettuce's own I/O threads.
 * Registering it on Reactor Netty's loops too (Lettuce's {@code eventLoopGroupProvider})
 * would let Spring Data Redis's first, blocking connect, made from whichever request
 * needs Redis first, wait on its own event loop for a connect that loop must run: a
 * deadlock whenever Redis was not reachable at start-up.
 */
final class RedisReplyThreads {

	private RedisReplyThreads() {
	}

	static ClientResourcesBuilderCustomizer onRequestEventLoops(LoopResources loops) {
		EventLoopGroup requestLoops = LoopResources.colocate(loops.onServer(true));
		// Lettuce leaves a group given to it running when it shuts down (Reactor Netty
		// owns it).
		return (resources) -> resources.eventExecutorGroup(requestLoops);
	}

}
