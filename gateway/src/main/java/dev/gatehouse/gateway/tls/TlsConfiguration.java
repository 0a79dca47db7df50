package dev.gatehouse.gateway.tls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/** The TLS listener and, for local runs, its self-signed certificate. */
@Configuration(proxyBeanMethods = false)
public class TlsConfiguration {

	/**
	 * Creates the dev certificate before any bean exists, in particular before the SSL bundle
	 * registry loads the key store. A factory post-processor sees the final environment, including
	 * properties tests add.
	 */
	@Bean
	static BeanFactoryPostProcessor devCertificateGenerator(Environment environment) {
		return (beanFactory) -> {
			TlsProperties tls = Binder.get(environment).bindOrCreate("gatehouse.tls", TlsProperties.class);
			if (tls.isGenerateDevCertificate()) {
				DevCertificate.createIfMissing(tls.getKeyStore(), tls.getKeyStorePassword(), tls.getKeyAlias());
			}
		};
	}

	@Bean
	TlsListener tlsListener(TlsProperties properties, ObjectProvider<NettyReactiveWebServerFactory> httpServerFactory,
			ObjectProvider<HttpHandler> httpHandler, ObjectProvider<ReactorResourceFactory> resources, SslBundles bundles) {
		return new TlsListener(properties, httpServerFactory, httpHandler, resources, bundles);
	}

}
