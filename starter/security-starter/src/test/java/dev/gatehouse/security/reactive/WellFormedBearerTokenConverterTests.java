package dev.gatehouse.security.reactive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

import dev.gatehouse.security.AuthorizationHeaders;
import dev.gatehouse.security.internal.BearerTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the Authorization header, the converter answers what Spring Security's
 * converter answers: the same token, nothing, or the same error.
 */
class WellFormedBearerTokenConverterTests {

	private final ServerAuthenticationConverter ours = new WellFormedBearerTokenConverter();

	private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

	@ParameterizedTest
	@MethodSource("dev.gatehouse.security.AuthorizationHeaders#cases")
	void answersAsSpringSecurityDoes(String authorization) {
		assertThat(outcome(this.ours, authorization)).isEqualTo(outcome(this.spring, authorization));
	}

	@Test
	void noAuthorizationHeaderGivesNoTokenAsInSpringSecurity() {
		assertThat(outcome(this.ours, null)).isEqualTo("empty").isEqualTo(outcome(this.spring, null));
	}

	@Test
	void wellFormedTokenIsTakenWithoutSpringsParsing() {
		assertThat(BearerTokens.wellFormed("Bearer abc.def-_~+/==")).isEqualTo("abc.def-_~+/==");
		assertThat(BearerTokens.wellFormed("Bearer abc def")).isNull();
	}

	@Test
	void randomHeadersAreAnsweredAsSpringSecurityAnswersThem() {
		AuthorizationHeaders.random()
			.forEach((authorization) -> assertThat(outcome(this.ours, authorization))
				.as("Authorization: %s", authorization)
				.isEqualTo(outcome(this.spring, authorization)));
	}

	/**
	 * What a converter made of the header: the token, nothing, or the error it raised.
	 */
	private static String outcome(ServerAuthenticationConverter converter, String authorization) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/things");
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		try {
			Authentication authentication = Mono.defer(() -> converter.convert(exchange)).block();
			return (authentication == null) ? "empty"
					: "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode() + ": " + ex.getError().getDescription();
		}
	}

}
