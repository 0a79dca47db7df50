package dev.gatehouse.policy;

import java.net.http.HttpClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The call to customer-service as policy-service itself: a client-credentials token from
 * the registration in application.yaml, obtained and cached by Spring Security until
 * shortly before it expires, on a RestClient with short timeouts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustomerServiceProperties.class)
class CustomerServiceClientConfiguration {

	/** The key under {@code spring.security.oauth2.client.registration}. */
	static final String REGISTRATION_ID = "policy-service";

	/**
	 * The token is the service's own, not the end user's: one principal for every
	 * request, so one cached token serves all callers.
	 */
	private static final Authentication SERVICE = new AnonymousAuthenticationToken(REGISTRATION_ID, REGISTRATION_ID,
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	/**
	 * Not request-bound (unlike Spring's default manager), so no HTTP session is
	 * involved; the token-endpoint client is Spring's, given the same timeouts as the
	 * customer-service calls.
	 */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService authorizedClients, CustomerServiceProperties properties, SslBundles bundles) {
		requireSecret(registrations.findByRegistrationId(REGISTRATION_ID));
		RestClientClientCredentialsTokenResponseClient tokenClient = new RestClientClientCredentialsTokenResponseClient();
		tokenClient.setRestClient(RestClient.builder()
			.requestFactory(requestFactory(properties, bundles))
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build());
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((clientCredentials) -> clientCredentials.accessTokenResponseClient(tokenClient))
			.build());
		return manager;
	}

	@Bean
	CustomerDirectory customerDirectory(RestClient.Builder builder, OAuth2AuthorizedClientManager manager,
			OAuth2AuthorizedClientService authorizedClients, CustomerServiceProperties properties, SslBundles bundles) {
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION_ID);
		interceptor.setPrincipalResolver((request) -> SERVICE);
		// A 401 or 403 from customer-service drops the cached token, so the next call
		// fetches a new one.
		interceptor.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		return new CustomerDirectory(builder.baseUrl(properties.uri().toString())
			.requestFactory(requestFactory(properties, bundles))
			.requestInterceptor(interceptor)
			.build());
	}

	/**
	 * Spring Boot binds an unresolvable placeholder as its literal text, so without this
	 * the service would start and present "${POLICY_SERVICE_CLIENT_SECRET}" to Keycloak
	 * on the first creation.
	 */
	private static void requireSecret(ClientRegistration registration) {
		String secret = (registration != null) ? registration.getClientSecret() : null;
		if (secret == null || secret.isBlank() || secret.startsWith("${")) {
			throw new IllegalStateException("policy-service has no client secret for calling customer-service: set the "
					+ "environment variable POLICY_SERVICE_CLIENT_SECRET (the dev value is in auth-server-config/).");
		}
	}

	private static ClientHttpRequestFactory requestFactory(CustomerServiceProperties properties, SslBundles bundles) {
		HttpClient.Builder client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			// HTTP/1.1: no h2c upgrade attempt, redirects never followed with a bearer
			// token.
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER);
		if (properties.sslBundle() != null) {
			client.sslContext(bundles.getBundle(properties.sslBundle()).createSslContext());
		}
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client.build());
		factory.setReadTimeout(properties.readTimeout());
		return factory;
	}

}
