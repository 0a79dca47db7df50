package dev.gatehouse.gateway.backend;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's own client-credentials token, from the Spring Boot registration named by
 * {@code gatehouse.gateway.client-registration} (secret only from
 * {@code GATEHOUSE_GATEWAY_CLIENT_SECRET}).
 */
@Configuration(proxyBeanMethods = false)
class BackendClientConfiguration {

	private static final Logger log = LoggerFactory.getLogger(BackendClientConfiguration.class);

	/**
	 * Not bound to a request or session: the token belongs to the gateway, one for all
	 * callers, kept until shortly before it expires. The token endpoint is called with
	 * timeouts, so a hung issuer turns into a 503 instead of a hung request.
	 */
	@Bean
	ReactiveOAuth2AuthorizedClientManager gatewayAuthorizedClientManager(
			ReactiveClientRegistrationRepository registrations,
			@Value("${gatehouse.gateway.token-endpoint-timeout:5s}") Duration timeout) {
		WebClientReactiveClientCredentialsTokenResponseClient tokens = new WebClientReactiveClientCredentialsTokenResponseClient();
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
			.responseTimeout(timeout);
		tokens.setWebClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build());
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((credentials) -> credentials.accessTokenResponseClient(tokens))
			.build());
		return manager;
	}

	@Bean
	GatewayTokens gatewayTokens(ReactiveOAuth2AuthorizedClientManager clients,
			ReactiveClientRegistrationRepository registrations,
			@Value("${gatehouse.gateway.client-registration:gatehouse-gateway}") String registrationId) {
		ClientRegistration registration = registrations.findByRegistrationId(registrationId).block();
		if (registration == null) {
			throw new IllegalStateException("No spring.security.oauth2.client.registration." + registrationId
					+ " is configured; the gateway needs it to call backends for callers it verified itself");
		}
		if (!StringUtils.hasText(registration.getClientSecret())) {
			log.warn("GATEHOUSE_GATEWAY_CLIENT_SECRET is not set: API-key, certificate and Basic routes, and "
					+ "certificate-bound tokens, will answer 503 until the gateway can obtain its own token");
		}
		return new GatewayTokens(clients, registrationId);
	}

	@Bean
	GatewayTokenGatewayFilterFactory gatewayTokenGatewayFilterFactory(GatewayTokens tokens) {
		return new GatewayTokenGatewayFilterFactory(tokens);
	}

	@Bean
	CookielessBackendHeaders cookielessBackendHeaders() {
		return new CookielessBackendHeaders();
	}

	@Bean
	VouchForBoundTokenGatewayFilterFactory vouchForBoundTokenGatewayFilterFactory(GatewayTokens tokens) {
		return new VouchForBoundTokenGatewayFilterFactory(tokens);
	}

}
