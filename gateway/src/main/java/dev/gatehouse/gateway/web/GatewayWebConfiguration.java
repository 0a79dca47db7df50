package dev.gatehouse.gateway.web;

import java.time.Duration;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.SecurityAudit;
import dev.gatehouse.security.reactive.ReactiveProblemResponses;

/**
 * The error handler, and the web filters that run ahead of Spring Security in
 * {@link FilterOrder} (those about the client's address are {@code network}'s).
 */
@Configuration(proxyBeanMethods = false)
class GatewayWebConfiguration {

	@Bean
	ProblemErrorHandler problemErrorHandler(ReactiveProblemResponses responses) {
		return new ProblemErrorHandler(responses);
	}

	@Bean
	AccessLogFilter accessLogFilter(ProblemErrorHandler errors, ReactiveProblemResponses responses, JsonMapper json) {
		return new AccessLogFilter(errors, responses, json);
	}

	/**
	 * Spring Security's header writers on every response, including those refused before
	 * the security chain. HSTS is written only on the TLS listener (the writer checks the
	 * scheme).
	 */
	@Bean
	WebFilter secureHeadersFilter() {
		StrictTransportSecurityServerHttpHeadersWriter hsts = new StrictTransportSecurityServerHttpHeadersWriter();
		hsts.setMaxAge(Duration.ofDays(365));
		hsts.setIncludeSubDomains(true);
		XFrameOptionsServerHttpHeadersWriter frames = new XFrameOptionsServerHttpHeadersWriter();
		frames.setMode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY);
		HttpHeaderWriterWebFilter filter = new HttpHeaderWriterWebFilter(
				new CompositeServerHttpHeadersWriter(new XContentTypeOptionsServerHttpHeadersWriter(), frames, hsts));
		return new OrderedWebFilter(filter, FilterOrder.SECURE_HEADERS);
	}

	@Bean
	RequestHygieneFilter requestHygieneFilter(HygieneProperties hygiene, GatehouseSecurityProperties security,
			ReactiveProblemResponses responses, SecurityAudit audit) {
		return new RequestHygieneFilter(hygiene, security.getMaxRequestHeaders(), security.getMaxRequestBody(),
				responses, audit);
	}

	@Bean
	GlobalCorsFilter globalCorsFilter(GlobalCorsProperties cors, ReactiveProblemResponses responses) {
		return new GlobalCorsFilter(cors.getCorsConfigurations(), responses);
	}

	/** Gives a filter that is not {@link Ordered} its place. */
	record OrderedWebFilter(WebFilter delegate, int order) implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			return this.delegate.filter(exchange, chain);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
