package dev.gatehouse.security.servlet;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches requests that arrived on the actuator's own port. The port is learnt when the management
 * server starts, so a random port (0) in tests works as well as a fixed one.
 */
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent>, RequestMatcher {

	private volatile int port = -1;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			this.port = event.getWebServer().getPort();
		}
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return this.port > 0 && request.getLocalPort() == this.port;
	}

}
