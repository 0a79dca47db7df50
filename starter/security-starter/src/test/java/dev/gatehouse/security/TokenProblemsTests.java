package dev.gatehouse.security;

import java.util.Map;

import com.nimbusds.jose.proc.BadJOSEException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import dev.gatehouse.test.Persona;
import dev.gatehouse.test.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token failures are named by the failure's types and OAuth2 error codes and by the token
 * itself, never by the wording of a message, which a library may change in any release.
 */
class TokenProblemsTests {

	private final TestIssuer issuer = TestIssuer.shared();

	private final GatehouseSecurityProperties properties = new Binder(
			new MapConfigurationPropertySource(Map.of("gatehouse.security.issuer-uri", this.issuer.issuerUri())))
		.bind("gatehouse.security", GatehouseSecurityProperties.class)
		.get();

	@Test
	void signatureRefusedByNimbusIsABadSignatureWhateverItsMessageSays() {
		String token = this.issuer.token(Persona.BOB).build();
		InvalidBearerTokenException failure = new InvalidBearerTokenException("rejected",
				new BadJwtException("rejected", new BadJOSEException("reworded in a later release")));
		assertThat(TokenProblems.classify(failure, token, this.properties).problem())
			.isEqualTo(StarterProblem.BAD_SIGNATURE);
	}

	@Test
	void messageThatMentionsASignatureOrMalformedTokenDecidesNothing() {
		String token = this.issuer.token(Persona.BOB).build();
		InvalidBearerTokenException failure = new InvalidBearerTokenException(
				"Malformed token: signature invalid, no matching key(s) found");
		assertThat(TokenProblems.classify(failure, token, this.properties).problem())
			.isEqualTo(StarterProblem.INVALID_TOKEN);
	}

	@Test
	void keyRefusedForATokenOfAnotherIssuerNamesTheIssuer() {
		String token = this.issuer.token(Persona.BOB).issuer("http://localhost:9999/realms/other").build();
		InvalidBearerTokenException failure = new InvalidBearerTokenException("rejected",
				new BadJwtException("rejected", new BadJOSEException("no key")));
		assertThat(TokenProblems.classify(failure, token, this.properties).problem())
			.isEqualTo(StarterProblem.WRONG_ISSUER);
	}

	@Test
	void authorizationHeaderSpringCannotReadIsAMalformedToken() {
		OAuth2AuthenticationException failure = new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "Bearer token is malformed", null));
		assertThat(TokenProblems.classify(failure, this.issuer.token(Persona.BOB).build(), this.properties).problem())
			.isEqualTo(StarterProblem.MALFORMED_TOKEN);
	}

	@Test
	void validatorFailureIsNamedByTheProblemTypeInItsErrorUri() {
		String token = this.issuer.token(Persona.BOB).build();
		TokenProblems.TokenProblem problem = TokenProblems.classify(SenderConstraints.failure(Problems.WRONG_AUDIENCE,
				"The access token's audience does not include gatehouse-api."), token, this.properties);
		assertThat(problem.problem()).isEqualTo(StarterProblem.WRONG_AUDIENCE);
		assertThat(problem.title()).isEqualTo("Wrong audience");
		assertThat(problem.challenge()).contains("error=\"invalid_token\"");
	}

}
