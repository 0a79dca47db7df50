package dev.gatehouse.security;

import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jwt.JWTParser;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Turns a failed bearer authentication into the cause a caller can act on. Spring Security reports
 * most failures as one {@code invalid_token} with a technical message; the caller needs to know
 * whether to refresh, fix the audience, or stop tampering.
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
		Set<String> allowedAlgorithms = properties.getAlgorithms();
		if (token == null) {
			return new TokenProblem(Problems.MISSING_TOKEN, "Missing bearer token",
					"This API requires an access token: send it as 'Authorization: Bearer <token>'.", false);
		}
		JwtValidationException validation = Causes.find(failure, JwtValidationException.class);
		if (validation != null) {
			for (OAuth2Error error : validation.getErrors()) {
				if (error.getUri() != null && error.getUri().startsWith(Problems.PREFIX)) {
					return new TokenProblem(error.getUri(), title(error.getUri()), error.getDescription(), true);
				}
			}
		}
		String algorithm = algorithm(token);
		if (algorithm == null) {
			return new TokenProblem(Problems.MALFORMED_TOKEN, "Malformed token",
					"The bearer token is not a well-formed signed JWT.", true);
		}
		if (!allowedAlgorithms.contains(algorithm)) {
			return new TokenProblem(Problems.UNSUPPORTED_ALGORITHM, "Unsupported signature algorithm",
					"The access token is signed with '" + algorithm + "'; this API accepts only "
							+ String.join(", ", allowedAlgorithms) + " tokens from its issuer.",
					true);
		}
		String message = message(failure);
		if (message.contains("signature") || message.contains("no matching key")) {
			// A token from another realm fails on its key before its issuer is checked; the
			// unverified iss names the real cause. It only words the error, it decides nothing.
			String issuer = unverifiedIssuer(token);
			String expected = properties.getIssuerUri().toString();
			if (issuer != null && !issuer.equals(expected)) {
				return new TokenProblem(Problems.WRONG_ISSUER, title(Problems.WRONG_ISSUER),
						"The access token was issued by another issuer; this API accepts tokens from " + expected + ".",
						true);
			}
			return new TokenProblem(Problems.BAD_SIGNATURE, "Invalid token signature",
					"The access token's signature does not match the issuer's published keys: it was signed by another key or modified.",
					true);
		}
		if (message.contains("Malformed") || message.contains("serialization") || message.contains("malformed")) {
			return new TokenProblem(Problems.MALFORMED_TOKEN, "Malformed token",
					"The bearer token is not a well-formed signed JWT.", true);
		}
		return new TokenProblem(Problems.INVALID_TOKEN, "Invalid token",
				"The access token could not be validated; obtain a new token from the issuer.", true);
	}

	static String title(String type) {
		return switch (type) {
			case Problems.EXPIRED_TOKEN -> "Expired token";
			case Problems.TOKEN_NOT_YET_VALID -> "Token not yet valid";
			case Problems.MISSING_EXPIRY -> "Token without expiry";
			case Problems.WRONG_ISSUER -> "Wrong issuer";
			case Problems.WRONG_AUDIENCE -> "Wrong audience";
			case Problems.CERTIFICATE_BINDING_MISMATCH -> "Token bound to another certificate";
			case Problems.UNVERIFIABLE_TOKEN_BINDING -> "Token binding cannot be verified here";
			default -> "Invalid token";
		};
	}

	/** The JWS algorithm in the token's header, "none" for an unsecured JWT, null if it does not parse. */
	private static String algorithm(String token) {
		try {
			Algorithm algorithm = JWTParser.parse(token).getHeader().getAlgorithm();
			return (algorithm != null) ? algorithm.getName() : null;
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static String unverifiedIssuer(String token) {
		try {
			return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static String message(AuthenticationException failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t.getMessage() != null) {
				text.append(t.getMessage()).append('\n');
			}
			if (t instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
				text.append(oauth.getError().getDescription()).append('\n');
			}
		}
		return text.toString();
	}


	/**
	 * A token failure as the caller sees it.
	 * @param tokenSent whether the challenge carries {@code error="invalid_token"} (RFC 6750 3.1:
	 * only when a token was sent)
	 */
	public record TokenProblem(String type, String title, String detail, boolean tokenSent) {

		/** The RFC 6750 {@code WWW-Authenticate} value. */
		public String challenge() {
			if (!this.tokenSent) {
				return "Bearer";
			}
			return "Bearer error=\"invalid_token\", error_description=\"" + Challenges.quotable(this.detail) + "\"";
		}

	}

}
