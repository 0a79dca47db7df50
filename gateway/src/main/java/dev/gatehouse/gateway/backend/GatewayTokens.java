package dev.gatehouse.gateway.backend;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;

/**
 * The gateway's own client-credentials token, with which it calls a backend on behalf of
 * a caller it verified itself. Spring Security's client manager obtains it and reuses it
 * until shortly before it expires; any failure becomes
 * {@link GatewayTokenUnavailableException}, answered 503.
 */
class GatewayTokens {

	private final ReactiveOAuth2AuthorizedClientManager clients;

	private final String registrationId;

	GatewayTokens(ReactiveOAuth2AuthorizedClientManager clients, String registrationId) {
		this.clients = clients;
		this.registrationId = registrationId;
	}

	public Mono<String> token() {
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(this.registrationId)
			.principal(this.registrationId)
			.build();
		return this.clients.authorize(request)
			.map(OAuth2AuthorizedClient::getAccessToken)
			.map((token) -> token.getTokenValue())
			.switchIfEmpty(Mono.error(() -> new GatewayTokenUnavailableException(null)))
			.onErrorMap((error) -> !(error instanceof GatewayTokenUnavailableException),
					GatewayTokenUnavailableException::new);
	}

}
