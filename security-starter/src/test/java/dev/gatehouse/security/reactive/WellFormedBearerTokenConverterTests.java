package dev.gatehouse.security.reactive;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the Authorization header, the converter answers what Spring Security's converter answers:
 * the same token, nothing, or the same error.
 */
class WellFormedBearerTokenConverterTests {

	private final ServerAuthenticationConverter ours = new WellFormedBearerTokenConverter();

	private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

	@ParameterizedTest
	@ValueSource(strings = { "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl",
			"bearer abc", "BEARER abc", "bEaReR a-b.c_d~e+f/g", "Bearer abc==", "Bearer abc=", "Bearer =",
			"Bearer ==abc", "Bearer abc=d", "Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer\tabc",
			"Bearer a b", "Bearer abc\n", "Bearer ab%63", "Bearerabc", "Basic Ym9iOnNlY3JldA==", "Token abc", "",
			"Bearer \u00e9", "Bearer abc\u0000", "Bearer a,b", "Bearer a:b" })
	void answersAsSpringSecurityDoes(String authorization) {
		assertThat(outcome(this.ours, authorization)).isEqualTo(outcome(this.spring, authorization));
	}

	@Test
	void noAuthorizationHeaderGivesNoTokenAsInSpringSecurity() {
		assertThat(outcome(this.ours, null)).isEqualTo("empty").isEqualTo(outcome(this.spring, null));
	}

	@Test
	void wellFormedTokenIsTakenWithoutSpringsConverter() {
		assertThat(WellFormedBearerTokenConverter.wellFormedToken("Bearer abc.def-_~+/==")).isEqualTo("abc.def-_~+/==");
		assertThat(WellFormedBearerTokenConverter.wellFormedToken("Bearer abc def")).isNull();
	}

	@Test
	void randomHeadersAreAnsweredAsSpringSecurityAnswersThem() {
		String[] pieces = { "Bearer ", "bearer ", "Bearer", "B", "e", "a", "r", " ", "=", "==", "abc", "Z9", "-._~+/",
				"\t", "\n", "%", "\u00e9", "\u0130", "\u017f", "Basic " };
		Random random = new Random(6750);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder header = new StringBuilder();
			for (int n = 1 + random.nextInt(6); n > 0; n--) {
				header.append(pieces[random.nextInt(pieces.length)]);
			}
			String authorization = header.toString();
			assertThat(outcome(this.ours, authorization)).as("Authorization: %s", authorization)
				.isEqualTo(outcome(this.spring, authorization));
		}
	}

	/** What a converter made of the header: the token, nothing, or the error it raised. */
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
