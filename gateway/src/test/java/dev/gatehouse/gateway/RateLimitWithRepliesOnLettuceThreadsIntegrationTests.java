package dev.gatehouse.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.TestPropertySource;

/**
 * Every test of {@link RateLimitIntegrationTests} again (exact burst, one limit across
 * two instances, outages, quotas, failed logins) with {@code reply-thread=lettuce} in
 * both instances: the setting that hands Redis replies to Lettuce's own threads, kept for
 * a deployment whose event loops are too busy to take them back (docs/performance.md).
 */
@TestPropertySource(properties = RateLimitWithRepliesOnLettuceThreadsIntegrationTests.REPLY_THREAD)
class RateLimitWithRepliesOnLettuceThreadsIntegrationTests extends RateLimitIntegrationTests {

	static final String REPLY_THREAD = "gatehouse.gateway.redis.reply-thread=lettuce";

	// Hides RateLimitIntegrationTests' own: the second instance gets the setting too.
	@BeforeAll
	static void startSecondInstance() {
		redis.start();
		Map<String, String> withSetting = new LinkedHashMap<>(settings);
		withSetting.put(REPLY_THREAD.substring(0, REPLY_THREAD.indexOf('=')),
				REPLY_THREAD.substring(REPLY_THREAD.indexOf('=') + 1));
		secondInstance = startSecondGateway(withSetting);
	}

	@Override
	boolean repliesOnTheRequestsEventLoop() {
		return false;
	}

}
