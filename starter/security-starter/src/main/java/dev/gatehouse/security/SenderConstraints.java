package dev.gatehouse.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Sender-constrained access tokens: a {@code cnf} claim (RFC 7800) binds the token to a
 * key whose possession its holder proves on every call, a client certificate
 * ({@code x5t#S256}, RFC 8705) or a DPoP key ({@code jkt}, RFC 9449). Only a component
 * that sees that proof (the client's TLS connection, the {@code DPoP} header) can verify
 * the binding; every other one refuses the token, unless the gateway, which did verify
 * it, vouches for it ({@link GatewayVouching}).
 */
public final class SenderConstraints {

	public static final String CONFIRMATION_CLAIM = "cnf";

	/** RFC 8705: SHA-256 thumbprint of the client certificate the token is bound to. */
	public static final String CERTIFICATE_THUMBPRINT = "x5t#S256";

	/** RFC 9449: SHA-256 thumbprint of the DPoP public key the token is bound to. */
	public static final String KEY_THUMBPRINT = "jkt";

	private SenderConstraints() {
	}

	/**
	 * Whether the token carries {@code cnf} at all; a malformed one counts, so it fails
	 * closed.
	 */
	public static boolean isSenderConstrained(Jwt token) {
		return token.hasClaim(CONFIRMATION_CLAIM);
	}

	/**
	 * The confirmation methods named in {@code cnf} (e.g. {@code x5t#S256}), sorted;
	 * empty when there are none.
	 */
	public static Set<String> methods(Jwt token) {
		Set<String> methods = new TreeSet<>();
		if (token.getClaims().get(CONFIRMATION_CLAIM) instanceof Map<?, ?> cnf) {
			cnf.keySet().forEach((name) -> methods.add(String.valueOf(name)));
		}
		return methods;
	}

	/** The value of one confirmation method, or null. */
	public static String value(Jwt token, String method) {
		if (token.getClaims().get(CONFIRMATION_CLAIM) instanceof Map<?, ?> cnf
				&& cnf.get(method) instanceof String value) {
			return value;
		}
		return null;
	}

	/**
	 * The refusal of a component that cannot check the binding, as a decoder reports an
	 * invalid token: 401 {@code invalid_token} with the problem type
	 * {@link Problems#UNVERIFIABLE_TOKEN_BINDING}.
	 * @param what what the caller should do instead, e.g. "call the API through the
	 * gateway"
	 */
	public static JwtValidationException unverifiable(Jwt token, String what) {
		return invalid(Problems.UNVERIFIABLE_TOKEN_BINDING, "The access token is sender-constrained (" + describe(token)
				+ "), and this component cannot verify that binding: " + what + ".");
	}

	/**
	 * The refusal of a service behind the gateway, which never sees the client's proof of
	 * possession.
	 */
	public static JwtValidationException unverifiableBehindTheGateway(Jwt token) {
		return unverifiable(token, "it never sees the client's proof of possession; call the API through the gateway");
	}

	/**
	 * A failed bearer authentication naming its problem type, which the starter's entry
	 * points turn into 401 with {@code error="invalid_token"} and that type (see
	 * {@link TokenProblems}).
	 */
	public static InvalidBearerTokenException failure(String problemType, String description) {
		return new InvalidBearerTokenException(description, invalid(problemType, description));
	}

	/** As {@link #failure}, from a refusal this class made. */
	public static InvalidBearerTokenException failure(JwtValidationException refusal) {
		return new InvalidBearerTokenException(refusal.getMessage(), refusal);
	}

	private static JwtValidationException invalid(String problemType, String description) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, problemType);
		return new JwtValidationException(description, List.of(error));
	}

	/**
	 * How a detail names the binding, e.g. "cnf x5t#S256: bound to a client certificate,
	 * RFC 8705".
	 */
	static String describe(Jwt token) {
		Set<String> methods = methods(token);
		if (methods.equals(Set.of(CERTIFICATE_THUMBPRINT))) {
			return "cnf x5t#S256: bound to a client certificate, RFC 8705";
		}
		if (methods.equals(Set.of(KEY_THUMBPRINT))) {
			return "cnf jkt: bound to a DPoP key, RFC 9449";
		}
		return "cnf " + (methods.isEmpty() ? "without a confirmation method" : String.join(", ", methods));
	}

}
