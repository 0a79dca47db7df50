package dev.gatehouse.gateway.dpop;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

import dev.gatehouse.gateway.GatewayProblem;

/**
 * A DPoP request refused: the RFC 9449 error code for the {@code WWW-Authenticate: DPoP}
 * challenge (in the {@link OAuth2Error}, with the detail), the problem it is answered
 * with, and a detail that says what to fix.
 */
class DpopException extends OAuth2AuthenticationException {

	static final String USE_DPOP_NONCE = "use_dpop_nonce";

	private final GatewayProblem problem;

	DpopException(String errorCode, GatewayProblem problem, String detail) {
		super(new OAuth2Error(errorCode, detail, null), detail);
		this.problem = problem;
	}

	static DpopException invalidProof(String detail) {
		return new DpopException(OAuth2ErrorCodes.INVALID_DPOP_PROOF, GatewayProblem.INVALID_DPOP_PROOF, detail);
	}

	static DpopException replayed() {
		return new DpopException(OAuth2ErrorCodes.INVALID_DPOP_PROOF, GatewayProblem.DPOP_PROOF_REPLAYED,
				"This DPoP proof was already used: make a new proof, with a new jti, for every request.");
	}

	static DpopException useNonce(String detail) {
		return new DpopException(USE_DPOP_NONCE, GatewayProblem.USE_DPOP_NONCE, detail);
	}

	static DpopException keyMismatch(String detail) {
		return new DpopException(OAuth2ErrorCodes.INVALID_TOKEN, GatewayProblem.DPOP_KEY_MISMATCH, detail);
	}

	GatewayProblem problem() {
		return this.problem;
	}

	String detail() {
		return getError().getDescription();
	}

}
