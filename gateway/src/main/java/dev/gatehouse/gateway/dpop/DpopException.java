package dev.gatehouse.gateway.dpop;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

import dev.gatehouse.gateway.GatewayProblems;

/**
 * A DPoP request refused: the RFC 9449 error code for the {@code WWW-Authenticate: DPoP} challenge,
 * the problem type and a detail that says what to fix (both in the {@link OAuth2Error}).
 */
public class DpopException extends OAuth2AuthenticationException {

	static final String USE_DPOP_NONCE = "use_dpop_nonce";

	DpopException(String errorCode, String problemType, String detail) {
		super(new OAuth2Error(errorCode, detail, problemType), detail);
	}

	static DpopException invalidProof(String detail) {
		return new DpopException(OAuth2ErrorCodes.INVALID_DPOP_PROOF, GatewayProblems.INVALID_DPOP_PROOF, detail);
	}

	static DpopException replayed() {
		return new DpopException(OAuth2ErrorCodes.INVALID_DPOP_PROOF, GatewayProblems.DPOP_PROOF_REPLAYED,
				"This DPoP proof was already used: make a new proof, with a new jti, for every request.");
	}

	static DpopException useNonce(String detail) {
		return new DpopException(USE_DPOP_NONCE, GatewayProblems.USE_DPOP_NONCE, detail);
	}

	static DpopException keyMismatch(String detail) {
		return new DpopException(OAuth2ErrorCodes.INVALID_TOKEN, GatewayProblems.DPOP_KEY_MISMATCH, detail);
	}

	String problemType() {
		return getError().getUri();
	}

	String detail() {
		return getError().getDescription();
	}

}
