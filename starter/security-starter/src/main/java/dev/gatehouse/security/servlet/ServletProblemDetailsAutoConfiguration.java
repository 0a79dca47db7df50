package dev.gatehouse.security.servlet;

import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.gatehouse.security.GatehouseSecurityProperties;

/**
 * Every error of a servlet service as an RFC 9457 problem with a trace id: what
 * controllers throw (validation, unreadable or oversized bodies, unknown paths,
 * optimistic-lock conflicts, anything unexpected), and what filters refuse before them.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(GatehouseSecurityProperties.class)
public class ServletProblemDetailsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceIds traceIds(ObjectProvider<Tracer> tracer) {
		return new TraceIds(tracer);
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemResponses problemResponses(JsonMapper jsonMapper, TraceIds traceIds) {
		return new ProblemResponses(jsonMapper, traceIds);
	}

	/**
	 * Backs off for any ResponseEntityExceptionHandler of the service's, as Spring Boot's
	 * own does.
	 */
	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ApiExceptionHandler apiExceptionHandler(ProblemResponses responses) {
		return new ApiExceptionHandler(responses);
	}

	@Bean
	@ConditionalOnMissingBean(name = "requestBodyLimitFilter")
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(GatehouseSecurityProperties properties,
			ProblemResponses responses) {
		var registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.getMaxRequestBody().toBytes(), responses));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Only where Spring's data access exceptions are on the classpath. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.dao.ConcurrencyFailureException")
	static class Concurrency {

		@Bean
		@ConditionalOnMissingBean
		ConcurrencyProblemHandler concurrencyProblemHandler(ProblemResponses responses) {
			return new ConcurrencyProblemHandler(responses);
		}

	}

}
