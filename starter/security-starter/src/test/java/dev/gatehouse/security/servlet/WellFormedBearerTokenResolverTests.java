package dev.gatehouse.security.servlet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import dev.gatehouse.security.AuthorizationHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the request, the resolver answers what Spring Security's resolver answers: the
 * same token, none, or the same error (a token in the query or form stays ignored, as in
 * Spring's default).
 */
class WellFormedBearerTokenResolverTests {

	private final BearerTokenResolver ours = new WellFormedBearerTokenResolver();

	private final BearerTokenResolver spring = new DefaultBearerTokenResolver();

	@ParameterizedTest
	@MethodSource("dev.gatehouse.security.AuthorizationHeaders#cases")
	void answersAsSpringSecurityDoes(String authorization) {
		assertThat(outcome(this.ours, request(authorization))).isEqualTo(outcome(this.spring, request(authorization)));
	}

	@Test
	void noAuthorizationHeaderGivesNoTokenAsInSpringSecurity() {
		assertThat(outcome(this.ours, request(null))).isEqualTo("none").isEqualTo(outcome(this.spring, request(null)));
	}

	@Test
	void tokenInTheQueryBesideTheHeaderIsIgnoredAsInSpringSecurity() {
		MockHttpServletRequest request = request("Bearer abc");
		request.setQueryString("access_token=def");
		request.setParameter("access_token", "def");
		assertThat(outcome(this.ours, request)).isEqualTo("token abc").isEqualTo(outcome(this.spring, request));
	}

	@Test
	void randomHeadersAreAnsweredAsSpringSecurityAnswersThem() {
		AuthorizationHeaders.random()
			.forEach((authorization) -> assertThat(outcome(this.ours, request(authorization)))
				.as("Authorization: %s", authorization)
				.isEqualTo(outcome(this.spring, request(authorization))));
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/things");
		if (authorization != null) {
			request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request;
	}

	/** What a resolver made of the request: the token, none, or the error it raised. */
	private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
		try {
			String token = resolver.resolve(request);
			return (token == null) ? "none" : "token " + token;
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode() + ": " + ex.getError().getDescription();
		}
	}

}
