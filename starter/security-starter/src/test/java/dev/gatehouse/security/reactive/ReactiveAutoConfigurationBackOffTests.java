package dev.gatehouse.security.reactive;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.micrometer.tracing.Tracer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import dev.gatehouse.security.ManagementPort;
import dev.gatehouse.security.SecurityAudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each bean the reactive auto-configuration registers backs off when the application
 * declares its own (one case per {@code @ConditionalOnMissingBean}), and the default
 * chain backs off when the application declares any chain, as on the servlet stack.
 */
class ReactiveAutoConfigurationBackOffTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveResourceServerAutoConfiguration.class,
				JacksonAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class))
		.withPropertyValues("gatehouse.security.issuer-uri=http://localhost:8180/realms/gatehouse");

	static Stream<Arguments> ownBeans() {
		return Stream.of(
				own(ReactiveJwtDecoder.class, "ownDecoder", () -> (ReactiveJwtDecoder) (token) -> Mono.empty()),
				own(Converter.class, "reactiveJwtAuthenticationConverter",
						() -> (Converter<Jwt, Mono<AbstractAuthenticationToken>>) (jwt) -> Mono.empty()),
				own(ServerAuthenticationConverter.class, "ownBearerTokens",
						() -> (ServerAuthenticationConverter) (exchange) -> Mono.empty()),
				own(ServerWebExchangeFirewall.class, "ownFirewall", StrictServerWebExchangeFirewall::new),
				own(ManagementPort.class, "ownManagementPort", ManagementPort::new),
				own(SecurityAudit.class, "ownAudit", SecurityAudit::new),
				own(ReactiveProblemResponses.class, "ownResponses",
						() -> new ReactiveProblemResponses(JsonMapper.builder().build(),
								new StaticListableBeanFactory().getBeanProvider(Tracer.class))),
				own(ServerAuthenticationEntryPoint.class, "ownEntryPoint",
						() -> (ServerAuthenticationEntryPoint) (exchange, failure) -> Mono.empty()),
				own(ServerAccessDeniedHandler.class, "ownDeniedHandler",
						() -> (ServerAccessDeniedHandler) (exchange, denied) -> Mono.empty()),
				own(ServerAuthenticationFailureHandler.class, "ownFailureHandler",
						() -> (ServerAuthenticationFailureHandler) (exchange, failure) -> Mono.empty()),
				own(ReactiveResourceServerCustomizer.class, "ownResourceServer",
						() -> (ReactiveResourceServerCustomizer) (http) -> http
							.authorizeExchange((exchanges) -> exchanges.anyExchange().denyAll())));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("ownBeans")
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void theStarterBacksOffForABeanTheApplicationDeclares(Class type, String name, Supplier<Object> bean) {
		Object own = bean.get();
		this.runner.withBean(name, type, () -> own).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(name)).isSameAs(own);
			if (type != Converter.class) {
				assertThat(context.getBeansOfType(type).values()).containsExactly(own);
			}
		});
	}

	@Test
	void eachPartIsTypedBySpringSecuritysInterfaceAndTheStarterGivesOneOfEach() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			for (Class<?> type : List.of(ReactiveJwtDecoder.class, ServerAuthenticationConverter.class,
					ServerAuthenticationEntryPoint.class, ServerAccessDeniedHandler.class,
					ServerAuthenticationFailureHandler.class, ServerWebExchangeFirewall.class,
					ReactiveResourceServerCustomizer.class)) {
				assertThat(context).hasSingleBean(type);
			}
			assertThat(context.getBean("reactiveJwtAuthenticationConverter")).isInstanceOf(Converter.class);
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class).keySet())
				.containsExactly("gatehouseSecurityWebFilterChain");
		});
	}

	@Test
	void theDefaultChainBacksOffWhenTheApplicationDeclaresAChainOfItsOwn() {
		this.runner.withUserConfiguration(OwnChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class).keySet()).containsExactly("ownChain");
			assertThat(context).hasSingleBean(ReactiveResourceServerCustomizer.class);
		});
	}

	@Test
	void apiChainCustomizersAreAppliedToTheDefaultChain() {
		AtomicBoolean applied = new AtomicBoolean();
		this.runner.withBean("hook", ReactiveApiChainCustomizer.class, () -> (http) -> applied.set(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(applied).isTrue();
			});
	}

	private static Arguments own(Class<?> type, String name, Supplier<?> bean) {
		return arguments(type, name, bean);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityWebFilterChain ownChain(ServerHttpSecurity http, ReactiveResourceServerCustomizer resourceServer) {
			resourceServer.customize(http);
			return http.build();
		}

	}

}
