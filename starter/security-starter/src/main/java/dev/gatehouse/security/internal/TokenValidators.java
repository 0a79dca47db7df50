package dev.gatehouse.security.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import dev.gatehouse.security.GatehouseSecurityProperties;
import dev.gatehouse.security.Problems;
import dev.gatehouse.security.TokenProblems;

/**
 * The claim checks every Gatehouse service and the gateway apply, built from Spring
 * Security's validators. Each failure carries a description that says what to fix,
 * because the error handler shows it to the caller ({@link TokenProblems}).
 */
public final class TokenValidators {

	private TokenValidators() {
	}

	public static OAuth2TokenValidator<Jwt> from(GatehouseSecurityProperties properties) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		// Spring checks exp only when present: a token without one would never expire.
		validators.add(check((jwt) -> jwt.getExpiresAt() != null, Problems.MISSING_EXPIRY,
				"The access token has no exp claim; tokens that never expire are refused."));
		validators.add(timestamps(properties));
		String issuer = properties.getIssuerUri().toString();
		validators.add(check((jwt) -> jwt.getIssuer() != null && issuer.equals(jwt.getIssuer().toString()),
				Problems.WRONG_ISSUER,
				"The access token was issued by another issuer; this API accepts tokens from " + issuer + "."));
		List<String> audiences = List.copyOf(properties.getAudiences());
		validators
			.add(check((jwt) -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(audiences::contains),
					Problems.WRONG_AUDIENCE, "The access token's audience does not include "
							+ String.join(" or ", audiences) + "; request a token for this API."));
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	/**
	 * Spring's timestamp validator, with its messages replaced by ones that name the
	 * cause plainly.
	 */
	private static OAuth2TokenValidator<Jwt> timestamps(GatehouseSecurityProperties properties) {
		JwtTimestampValidator delegate = new JwtTimestampValidator(properties.getClockSkew());
		return (jwt) -> {
			OAuth2TokenValidatorResult result = delegate.validate(jwt);
			if (!result.hasErrors()) {
				return result;
			}
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt != null && expiresAt.isBefore(Instant.now())) {
				return failure(Problems.EXPIRED_TOKEN,
						"The access token expired at " + expiresAt + "; obtain a new token.");
			}
			return failure(Problems.TOKEN_NOT_YET_VALID, "The access token is not valid before " + jwt.getNotBefore()
					+ "; check the issuer's clock or wait until then.");
		};
	}

	private static OAuth2TokenValidator<Jwt> check(Predicate<Jwt> test, String problemType, String description) {
		return (jwt) -> test.test(jwt) ? OAuth2TokenValidatorResult.success() : failure(problemType, description);
	}

	/**
	 * The problem type travels in the error's uri so the error handler can name the
	 * cause.
	 */
	private static OAuth2TokenValidatorResult failure(String problemType, String description) {
		return OAuth2TokenValidatorResult
			.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, problemType));
	}

}
