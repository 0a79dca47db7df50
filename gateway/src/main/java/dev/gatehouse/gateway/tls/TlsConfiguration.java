package dev.gatehouse.gateway.tls;

import org.slf4j.LoggerFactory;

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

import dev.gatehouse.pki.DevPki;

/**
 * The TLS listener and, for local runs, the development PKI its certificates come from.
 */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

	/**
	 * Creates the dev PKI before any bean exists, in particular before the SSL bundle
	 * registry loads the key stores. A factory post-processor sees the final environment,
	 * including properties tests add.
	 */
	@Bean
	static BeanFactoryPostProcessor devCertificateGenerator(Environment environment) {
		return (beanFactory) -> {
			TlsProperties tls = Binder.get(environment).bindOrCreate("gatehouse.tls", TlsProperties.class);
			if (tls.isGenerateDevPki() && DevPki.in(tls.getDirectory(), tls.getKeyStorePassword()).createIfMissing()) {
				LoggerFactory.getLogger(TlsConfiguration.class)
					.info("Generated the development PKI in {}", tls.getDirectory().toAbsolutePath());
			}
		};
	}

	@Bean
	TlsListener tlsListener(TlsProperties properties, ObjectProvider<NettyReactiveWebServerFactory> httpServerFactory,
			ObjectProvider<HttpHandler> httpHandler, ObjectProvider<ReactorResourceFactory> resources,
			SslBundles bundles) {
		return new TlsListener(properties, httpServerFactory, httpHandler, resources, bundles);
	}

}
