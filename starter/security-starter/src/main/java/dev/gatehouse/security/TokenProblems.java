package dev.gatehouse.security;

import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import dev.gatehouse.security.internal.Causes;
import dev.gatehouse.security.internal.JwtDecoders;

/**
 * Turns a failed bearer authentication into the cause a caller can act on. Spring
 * Security reports most failures as one {@code invalid_token} with a technical message;
 * the caller needs to know whether to refresh, fix the audience, or stop tampering.
 * Decided by the failure's types and OAuth2 error codes and by the token's own header,
 * never by the text of a message (which a library may reword in any release).
 */
public final class TokenProblems {

	private TokenProblems() {
	}

	/**
	 * @param failure what Spring Security reported
	 * @param token the bearer token that was sent, or null when none was
	 * @param properties the configured issuer and algorithms, to name a wrong one
	 */
	public static TokenProblem classify(AuthenticationException failure, String token,
			GatehouseSecurityProperties properties) {
		if (token == null) {
			return new TokenProblem(StarterProblem.MISSING_TOKEN,
					"This API requires an access token: send it as 'Authorization: Bearer <token>'.", false);
		}
		// The starter's validators and refusals name their problem type in the error's
		// uri.
		JwtValidationException validation = Causes.find(failure, JwtValidationException.class);
		if (validation != null) {
			for (OAuth2Error error : validation.getErrors()) {
				StarterProblem named = StarterProblem.of(error.getUri()).orElse(null);
				if (named != null) {
					return new TokenProblem(named, error.getDescription(), true);
				}
			}
		}
		JWT parsed = parse(token);
		if (parsed == null || isInvalidRequest(failure)) {
			return malformed();
		}
		Algorithm algorithm = parsed.getHeader().getAlgorithm();
		Set<String> allowedAlgorithms = properties.getAlgorithms();
		if (algorithm == null || !allowedAlgorithms.contains(algorithm.getName())) {
			return new TokenProblem(StarterProblem.UNSUPPORTED_ALGORITHM,
					"The access token is signed with '" + ((algorithm != null) ? algorithm.getName() : "none")
							+ "'; this API accepts only " + String.join(", ", allowedAlgorithms)
							+ " tokens from its issuer.",
					true);
		}
		if (Causes.find(failure, BadJOSEException.class) != null
				&& JwtDecoders.acceptsType(parsed.getHeader().getType())) {
			// Nimbus refused the signature, or found no key for it. A token from another
			// realm fails
			// on its key before its issuer is checked; the unverified iss names the real
			// cause. It
			// only words the error, it decides nothing.
			String issuer = unverifiedIssuer(parsed);
			String expected = properties.getIssuerUri().toString();
			if (issuer != null && !issuer.equals(expected)) {
				return new TokenProblem(StarterProblem.WRONG_ISSUER,
						"The access token was issued by another issuer; this API accepts tokens from " + expected + ".",
						true);
			}
			return new TokenProblem(StarterProblem.BAD_SIGNATURE,
					"The access token's signature does not match the issuer's published keys: it was signed by another key or modified.",
					true);
		}
		return new TokenProblem(StarterProblem.INVALID_TOKEN,
				"The access token could not be validated; obtain a new token from the issuer.", true);
	}

	private static TokenProblem malformed() {
		return new TokenProblem(StarterProblem.MALFORMED_TOKEN, "The bearer token is not a well-formed signed JWT.",
				true);
	}

	/**
	 * Spring's bearer token resolvers report an Authorization header they cannot read as
	 * invalid_request.
	 */
	private static boolean isInvalidRequest(AuthenticationException failure) {
		return failure instanceof OAuth2AuthenticationException oauth
				&& OAuth2ErrorCodes.INVALID_REQUEST.equals(oauth.getError().getErrorCode());
	}

	/**
	 * The token, unverified, with header and claims readable; null if either does not
	 * parse.
	 */
	private static JWT parse(String token) {
		try {
			JWT jwt = JWTParser.parse(token);
			jwt.getJWTClaimsSet();
			return jwt;
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static String unverifiedIssuer(JWT token) {
		try {
			return token.getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			return null;
		}
	}

	/**
	 * A token failure as the caller sees it.
	 *
	 * @param problem the catalogue's entry (type, status, title)
	 * @param tokenSent whether the challenge carries {@code error="invalid_token"} (RFC
	 * 6750 3.1: only when a token was sent)
	 */
	public record TokenProblem(StarterProblem problem, String detail, boolean tokenSent) {

		public String type() {
			return this.problem.type();
		}

		public String title() {
			return this.problem.title();
		}

		/** The RFC 6750 {@code WWW-Authenticate} value. */
		public String challenge() {
			if (!this.tokenSent) {
				return "Bearer";
			}
			return "Bearer error=\"invalid_token\", error_description=\"" + Challenges.quotable(this.detail) + "\"";
		}

	}

}
