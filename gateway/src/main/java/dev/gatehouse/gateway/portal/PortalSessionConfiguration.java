package dev.gatehouse.gateway.portal;

import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;

/**
 * Where portal sessions live follows the rate-limit store, the choice of whether the
 * platform has a Redis: with {@code redis} Spring Boot keeps them in Redis (Spring
 * Session), so a session survives a restart and every replica reads it; with
 * {@code memory} (a local run without Redis) in this instance's memory, lost on restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gatehouse.gateway.rate-limits.store", havingValue = "memory", matchIfMissing = true)
@EnableSpringWebSession
class PortalSessionConfiguration {

	@Bean
	ReactiveMapSessionRepository portalSessions() {
		return new ReactiveMapSessionRepository(new ConcurrentHashMap<>());
	}

}
