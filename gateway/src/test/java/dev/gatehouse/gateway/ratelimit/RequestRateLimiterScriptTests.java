package dev.gatehouse.gateway.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter runs exactly Spring Cloud Gateway's token-bucket script, read once instead
 * of checked per call.
 */
class RequestRateLimiterScriptTests {

	@Test
	void scriptIsSpringCloudGatewaysOwnWithTheSameDigest() throws Exception {
		RedisScript<List<Long>> ours = RateLimitConfiguration.requestRateLimiterScript();
		RedisScript<List> gateways = RedisScript
			.of(new ClassPathResource(RateLimitConfiguration.REQUEST_RATE_LIMITER_SCRIPT), List.class);
		assertThat(ours.getSha1()).isEqualTo(gateways.getSha1());
		assertThat(ours.getScriptAsString()).contains("local tokens_key = KEYS[1]");
		assertThat(ours.getResultType()).isEqualTo(List.class);
	}

}
