package dev.gatehouse.security.servlet;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.SecurityAudit;

/**
 * The server around the API: which port is management (open, never routed), which client
 * certificates may connect, and Tomcat's header limit, error page and TLS ciphers.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(GatehouseSecurityProperties.class)
public class ServletManagementAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ManagementPort managementPort() {
		return new ManagementPort();
	}

	/**
	 * Enabled only when subjects are listed: without mutual TLS there is no certificate
	 * to check.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "clientSubjectFilter")
	FilterRegistrationBean<ClientSubjectFilter> clientSubjectFilter(GatehouseSecurityProperties properties,
			ProblemResponses responses, SecurityAudit audit, ManagementPort managementPort) {
		var registration = new FilterRegistrationBean<>(
				new ClientSubjectFilter(properties.getAllowedClientSubjects(), responses, audit, managementPort));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		registration.setEnabled(!properties.getAllowedClientSubjects().isEmpty());
		return registration;
	}

	/**
	 * Tomcat takes its header limit from {@code gatehouse.security.max-request-headers}
	 * (twice it, room for what the gateway adds, which passes on at most that much of the
	 * client's) and answers what it refuses itself with a problem body
	 * ({@link ProblemErrorReportValve}). Over TLS it offers only AEAD ciphers with
	 * forward secrecy: the JDK's defaults still include CBC suites, which TLS scanners
	 * report (the gateway's Netty leaves them out by default).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
	static class TomcatLimits {

		/**
		 * TLS 1.3's suites and TLS 1.2's ECDHE suites with AES-GCM or ChaCha20-Poly1305
		 * (JSSE names).
		 */
		static final String AEAD_CIPHERS = String.join(",", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
				"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
				"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> gatehouseTomcatLimits(
				GatehouseSecurityProperties properties) {
			return (factory) -> {
				int limit = (int) properties.serverHeaderLimit().toBytes();
				factory.addConnectorCustomizers((connector) -> {
					if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
						http.setMaxHttpRequestHeaderSize(limit);
					}
					for (SSLHostConfig tls : connector.findSslHostConfigs()) {
						tls.setCiphers(AEAD_CIPHERS);
					}
				});
				factory.addContextCustomizers((context) -> {
					if (context.getParent() instanceof StandardHost host) {
						host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					}
				});
			};
		}

	}

}
