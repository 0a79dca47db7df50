package dev.gatehouse.gateway.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * The second listener: TLS on {@code gatehouse.tls.port} beside Spring Boot's plain HTTP
 * server, serving the same {@link HttpHandler}, so both listeners run the same filters,
 * security and routes; handlers tell them apart by the request's {@code SslInfo}. It
 * copies the HTTP server's Netty settings (header size limit, idle timeout, address,
 * shutdown) and adds the SSL bundle and HTTP/2, offered by ALPN beside HTTP/1.1
 * ({@code gatehouse.tls.http2}). HTTP/2 requests go through the same handler, so the same
 * filters, security chains, rate limits and access log. The plain listener stays HTTP/1.1
 * ({@code server.http2.enabled} false): HTTP/2 in clear text (h2c) would only add the
 * upgrade path that lets requests slip past proxies in front. Client certificates are
 * requested but not required ({@code want}): the partner routes
 * ({@code /partner/mtls/**}) require one, the other routes ignore it, and a
 * certificate-bound token needs it. A certificate that does not chain to the bundle's
 * trust store, or is expired, fails the handshake on any route.
 * <p>
 * Spring Boot runs one server per context; making the main server TLS and adding a plain
 * one would work as well, but the contract's default entry point is plain HTTP on 8080.
 */
public class TlsListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TlsListener.class);

	private final TlsProperties properties;

	private final ObjectProvider<NettyReactiveWebServerFactory> httpServerFactory;

	private final ObjectProvider<HttpHandler> httpHandler;

	private final ObjectProvider<ReactorResourceFactory> resources;

	private final SslBundles bundles;

	private volatile WebServer server;

	public TlsListener(TlsProperties properties, ObjectProvider<NettyReactiveWebServerFactory> httpServerFactory,
			ObjectProvider<HttpHandler> httpHandler, ObjectProvider<ReactorResourceFactory> resources,
			SslBundles bundles) {
		this.properties = properties;
		this.httpServerFactory = httpServerFactory;
		this.httpHandler = httpHandler;
		this.resources = resources;
		this.bundles = bundles;
	}

	@Override
	public void start() {
		NettyReactiveWebServerFactory http = this.httpServerFactory.getObject();
		NettyReactiveWebServerFactory tls = new NettyReactiveWebServerFactory(this.properties.getPort());
		tls.setAddress(http.getAddress());
		tls.setServerCustomizers(http.getServerCustomizers());
		Http2 http2 = new Http2();
		http2.setEnabled(this.properties.isHttp2());
		tls.setHttp2(http2);
		tls.setShutdown(http.getShutdown());
		tls.setServerHeader(http.getServerHeader());
		this.resources.ifAvailable(tls::setResourceFactory);
		Ssl ssl = Ssl.forBundle(this.properties.getBundle());
		ssl.setClientAuth(Ssl.ClientAuth.WANT);
		tls.setSsl(ssl);
		tls.setSslBundles(this.bundles);
		WebServer started = tls.getWebServer(this.httpHandler.getObject());
		started.start();
		this.server = started;
		log.info("TLS listener started on port {}", started.getPort());
	}

	@Override
	public void stop() {
		WebServer running = this.server;
		this.server = null;
		if (running != null) {
			running.stop();
		}
	}

	/**
	 * Lets requests in flight finish, as {@code server.shutdown: graceful} does for the
	 * HTTP listener.
	 */
	@Override
	public void stop(Runnable callback) {
		WebServer running = this.server;
		if (running == null) {
			callback.run();
			return;
		}
		running.shutDownGracefully((result) -> {
			stop();
			callback.run();
		});
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/** Same phase as the HTTP server: started with it, stopped with it. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/** The bound port once started, else the configured one. */
	public int port() {
		WebServer running = this.server;
		return (running != null) ? running.getPort() : this.properties.getPort();
	}

}
