package dev.gatehouse.gateway.dpop;

import reactor.core.publisher.Mono;

/**
 * Remembers the DPoP proofs seen within the replay window (RFC 9449 section 11.1), so a
 * proof is accepted once: in this instance's memory, or in Redis, shared by every
 * replica.
 */
interface ProofReplays {

	/**
	 * Records a proof's first use.
	 * @param key the proof's identity (its key's thumbprint and its {@code jti})
	 * @return true the first time, false for a replay; an error when the store cannot
	 * tell ({@link ReplayCheckUnavailableException}), which refuses the request
	 */
	Mono<Boolean> firstUse(String key);

}
