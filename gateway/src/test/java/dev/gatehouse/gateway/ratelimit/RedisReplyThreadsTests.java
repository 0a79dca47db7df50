package dev.gatehouse.gateway.ratelimit;

import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RedisReplyThreadsTests {

	@Test
	void lettucePublishesOnTheEventLoopThatSubscribed() throws Exception {
		LoopResources loops = LoopResources.create("replies-test", 2, true);
		DefaultClientResources.Builder builder = DefaultClientResources.builder();
		RedisReplyThreads.onRequestEventLoops(loops).customize(builder);
		ClientResources resources = builder.build();
		try {
			for (int i = 0; i < 2; i++) {
				EventLoop loop = loops.onServer(true).next();
				EventExecutor chosen = loop.submit(() -> resources.eventExecutorGroup().next())
					.get(5, TimeUnit.SECONDS);
				assertThat(chosen).isSameAs(loop);
			}
		}
		finally {
			resources.shutdown(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
			// Lettuce left Reactor Netty's loops running: they are not its own.
			assertThat(loops.onServer(true).isShuttingDown()).isFalse();
			loops.dispose();
		}
	}

	@Test
	void anUnknownReplyThreadFailsTheStartNamingTheSetting() {
		new ApplicationContextRunner().withUserConfiguration(Settings.class)
			.withPropertyValues("gatehouse.gateway.redis.reply-thread=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("gatehouse.gateway.redis.reply-thread"));
	}

	@Test
	void repliesContinueOnTheRequestsEventLoopUnlessSetOtherwise() {
		new ApplicationContextRunner().withUserConfiguration(Settings.class)
			.run((context) -> assertThat(context.getBean(RedisClientProperties.class).replyThread())
				.isEqualTo(RedisClientProperties.ReplyThread.REQUEST_EVENT_LOOP));
	}

	@EnableConfigurationProperties(RedisClientProperties.class)
	static class Settings {

	}

}
