package dev.gatehouse.gateway.dpop;

import java.util.Optional;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.gatehouse.gateway.dpop.DpopProofVerifier.VerifiedProof;
import dev.gatehouse.security.SenderConstraints;

/**
 * Authenticates a DPoP request as Spring Security's servlet
 * {@code DPoPAuthenticationProvider} does, reactively: the access token first, with the
 * same decoder, validators and claim mapping as a Bearer token (Spring's
 * {@code JwtReactiveAuthenticationManager}); then its binding to a DPoP key
 * ({@code cnf.jkt}), the proof ({@link DpopProofVerifier}) and the proof's single use
 * ({@link ProofReplays}), last, so a refused proof uses up nothing.
 */
class DpopAuthenticationManager implements ReactiveAuthenticationManager {

	private final ReactiveAuthenticationManager tokens;

	private final DpopProofVerifier verifier;

	private final ProofReplays replays;

	private final DpopNonces nonces;

	private final boolean nonceRequired;

	DpopAuthenticationManager(ReactiveAuthenticationManager tokens, DpopProofVerifier verifier, ProofReplays replays,
			DpopNonces nonces, boolean nonceRequired) {
		this.tokens = tokens;
		this.verifier = verifier;
		this.replays = replays;
		this.nonces = nonces;
		this.nonceRequired = nonceRequired;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		DPoPAuthenticationToken request = (DPoPAuthenticationToken) authentication;
		return this.tokens.authenticate(new BearerTokenAuthenticationToken(request.getAccessToken()))
			.cast(JwtAuthenticationToken.class)
			.flatMap((authenticated) -> checkBinding(request, authenticated));
	}

	private Mono<Authentication> checkBinding(DPoPAuthenticationToken request, JwtAuthenticationToken authenticated) {
		Jwt token = authenticated.getToken();
		if (SenderConstraints.value(token, SenderConstraints.KEY_THUMBPRINT) == null) {
			return Mono
				.error(DpopException.keyMismatch("The access token is not bound to a DPoP key (it has no cnf.jkt): "
						+ "send it as 'Authorization: Bearer', or request a DPoP-bound token with a proof."));
		}
		Mono<Optional<Set<String>>> accepted = this.nonceRequired ? this.nonces.accepted().map(Optional::of)
				: Mono.just(Optional.empty());
		return accepted
			.map((nonces) -> this.verifier.verify(request.getDPoPProof(), request.getMethod(), request.getResourceUri(),
					token, nonces.orElse(null)))
			.flatMap((proof) -> this.replays.firstUse(replayKey(proof)))
			.flatMap((first) -> first ? Mono.just((Authentication) authenticated)
					: Mono.error(DpopException.replayed()));
	}

	/** Fixed length, whatever the client put in {@code jti}. */
	private static String replayKey(VerifiedProof proof) {
		return DpopProofVerifier.hash(proof.thumbprint() + "." + proof.jti());
	}

}
