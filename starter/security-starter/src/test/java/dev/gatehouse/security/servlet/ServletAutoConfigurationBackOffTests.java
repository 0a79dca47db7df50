package dev.gatehouse.security.servlet;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.SecurityAudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each bean the servlet auto-configurations register backs off when the service declares
 * its own (one case per {@code @ConditionalOnMissingBean}), and the starter's chains back
 * off, as Spring Boot's default chain does, when the service declares any chain.
 */
class ServletAutoConfigurationBackOffTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServletResourceServerAutoConfiguration.class,
				ServletProblemDetailsAutoConfiguration.class, ServletManagementAutoConfiguration.class,
				JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues("gatehouse.security.issuer-uri=http://localhost:8180/realms/gatehouse");

	static Stream<Arguments> ownBeans() {
		ProblemResponses responses = new ProblemResponses(JsonMapper.builder().build(), new TraceIds(noTracer()));
		return Stream.of(own(JwtDecoder.class, "ownJwtDecoder", () -> (JwtDecoder) (token) -> null),
				own(Converter.class, "jwtAuthenticationConverter",
						() -> (Converter<Jwt, AbstractAuthenticationToken>) (jwt) -> null),
				own(BearerTokenResolver.class, "ownBearerTokenResolver", () -> (BearerTokenResolver) (request) -> null),
				own(HttpFirewall.class, "ownFirewall", StrictHttpFirewall::new), own(RequestRejectedHandler.class,
						"ownRejectedHandler", () -> (RequestRejectedHandler) (request, response, rejected) -> {
						}),
				own(SecurityAudit.class, "ownAudit", SecurityAudit::new), own(AuthenticationEntryPoint.class,
						"ownEntryPoint", () -> (AuthenticationEntryPoint) (request, response, failure) -> {
						}),
				own(AccessDeniedHandler.class, "ownDeniedHandler",
						() -> (AccessDeniedHandler) (request, response, denied) -> {
						}),
				own(CallerRefusals.class, "ownRefusals", () -> new CallerRefusals(new SecurityAudit())),
				own(ResourceServerCustomizer.class, "ownResourceServer",
						() -> (ResourceServerCustomizer) (http) -> http
							.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())),
				own(TraceIds.class, "ownTraceIds", () -> new TraceIds(noTracer())),
				own(ProblemResponses.class, "ownResponses", () -> responses),
				own(ResponseEntityExceptionHandler.class, "ownExceptionHandler", OwnExceptionHandler::new),
				own(ConcurrencyProblemHandler.class, "ownConcurrencyHandler",
						() -> new ConcurrencyProblemHandler(responses)),
				own(FilterRegistrationBean.class, "requestBodyLimitFilter", FilterRegistrationBean::new),
				own(FilterRegistrationBean.class, "clientSubjectFilter", FilterRegistrationBean::new),
				own(ManagementPort.class, "ownManagementPort", ManagementPort::new));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("ownBeans")
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void theStarterBacksOffForABeanTheServiceDeclares(Class type, String name, Supplier<Object> bean) {
		Object own = bean.get();
		this.runner.withBean(name, type, () -> own).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(name)).isSameAs(own);
			if (type != FilterRegistrationBean.class && type != Converter.class) {
				assertThat(context.getBeansOfType(type).values()).containsExactly(own);
			}
		});
	}

	@Test
	void eachPartIsTypedBySpringSecuritysInterfaceAndTheStarterGivesOneOfEach() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			for (Class<?> type : List.of(JwtDecoder.class, BearerTokenResolver.class, AuthenticationEntryPoint.class,
					AccessDeniedHandler.class, HttpFirewall.class, RequestRejectedHandler.class,
					ResourceServerCustomizer.class)) {
				assertThat(context).hasSingleBean(type);
			}
			assertThat(context.getBean("jwtAuthenticationConverter")).isInstanceOf(Converter.class);
			assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet())
				.containsExactlyInAnyOrder("managementSecurityFilterChain", "apiSecurityFilterChain");
		});
	}

	@Test
	void theStarterChainsBackOffWhenTheServiceDeclaresAChainOfItsOwn() {
		this.runner.withUserConfiguration(OwnChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityFilterChain.class).keySet()).containsExactly("ownChain");
			assertThat(context).hasSingleBean(ResourceServerCustomizer.class);
		});
	}

	@Test
	void apiChainCustomizersAreAppliedToTheStarterChain() {
		AtomicBoolean applied = new AtomicBoolean();
		this.runner.withBean("hook", ApiChainCustomizer.class, () -> (http) -> applied.set(true)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(applied).isTrue();
		});
	}

	private static Arguments own(Class<?> type, String name, Supplier<?> bean) {
		return arguments(type, name, bean);
	}

	private static ObjectProvider<Tracer> noTracer() {
		return new StaticListableBeanFactory().getBeanProvider(Tracer.class);
	}

	static class OwnExceptionHandler extends ResponseEntityExceptionHandler {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http, ResourceServerCustomizer resourceServer) {
			resourceServer.customize(http);
			return http.build();
		}

	}

}
