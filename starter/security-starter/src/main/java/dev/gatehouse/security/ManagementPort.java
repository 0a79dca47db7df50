package dev.gatehouse.security;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The actuator's own port, learnt when the management server starts, so a random port (0)
 * in tests works as well as a fixed one. Security chains use it to tell management
 * requests (open, on a port bound to loopback or the cluster network) from API requests,
 * on either web stack.
 */
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

	private volatile int port = -1;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			this.port = event.getWebServer().getPort();
		}
	}

	/** Whether a request that arrived on this local port is a management request. */
	public boolean isManagement(int localPort) {
		return this.port > 0 && localPort == this.port;
	}

}
