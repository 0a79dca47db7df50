package dev.gatehouse.gateway.dpop;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * DPoP (RFC 9449) on the Bearer routes, under {@code gatehouse.gateway.dpop}: which
 * proofs the gateway accepts with {@code Authorization: DPoP <token>}. Replayed proofs
 * are recognised in the rate-limit store ({@code gatehouse.gateway.rate-limits.store}:
 * Redis shares them across replicas).
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.dpop")
public class DpopProperties {

	/**
	 * The asymmetric JWS algorithms Spring Security's DPoP proof decoder verifies (RSA
	 * and EC families).
	 */
	static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
			"ES256", "ES384", "ES512");

	/**
	 * Whether {@code Authorization: DPoP} is accepted; off, DPoP-bound tokens are
	 * refused.
	 */
	private boolean enabled = true;

	/** Algorithms a proof may be signed with; none and HMAC are never accepted. */
	@NotEmpty
	private Set<String> algorithms = new LinkedHashSet<>(
			List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512"));

	/**
	 * How old a proof's {@code iat} may be: a client makes a new proof for every request.
	 */
	@NotNull
	private Duration proofLifetime = Duration.ofSeconds(60);

	/**
	 * Tolerance between the client's clock and the gateway's, on both sides of the
	 * window.
	 */
	@NotNull
	private Duration clockSkew = Duration.ofSeconds(5);

	@Valid
	private Nonce nonce = new Nonce();

	@AssertTrue(message = "gatehouse.gateway.dpop.algorithms may list only asymmetric JWS algorithms "
			+ "(RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512); 'none' and HMAC (HS256...) are never accepted")
	public boolean isAlgorithmsAsymmetric() {
		return this.algorithms == null || ASYMMETRIC_ALGORITHMS.containsAll(this.algorithms);
	}

	@AssertTrue(
			message = "gatehouse.gateway.dpop.proof-lifetime must be positive and gatehouse.gateway.dpop.clock-skew not negative")
	public boolean isWindowValid() {
		return this.proofLifetime == null || this.clockSkew == null
				|| (!this.proofLifetime.isNegative() && !this.proofLifetime.isZero() && !this.clockSkew.isNegative());
	}

	/**
	 * How long a proof's {@code jti} is remembered: a proof is accepted while its
	 * {@code iat} lies between {@code now - proof-lifetime - clock-skew} and
	 * {@code now + clock-skew}, so from its first use it stays acceptable at most this
	 * long.
	 */
	Duration replayWindow() {
		return this.proofLifetime.plus(this.clockSkew.multipliedBy(2));
	}

	/**
	 * Server nonces (RFC 9449 section 9): with {@code required}, a proof must carry a
	 * nonce the gateway issued ({@code DPoP-Nonce} header of a 401
	 * {@code use_dpop_nonce}, and of every DPoP response). A nonce is valid for one to
	 * two {@code rotation} periods, on every replica: it is an HMAC of the period under a
	 * secret all replicas share ({@code secret}; else, with the Redis store, one the
	 * first replica stores there; else one per instance).
	 */
	public static class Nonce {

		private boolean required;

		@NotNull
		private Duration rotation = Duration.ofMinutes(5);

		/** Shared by all replicas; set it from a secret store, never in a file. */
		private String secret;

		@AssertTrue(message = "gatehouse.gateway.dpop.nonce.rotation must be at least 1s")
		public boolean isRotationValid() {
			return this.rotation == null || this.rotation.compareTo(Duration.ofSeconds(1)) >= 0;
		}

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

		public Duration getRotation() {
			return this.rotation;
		}

		public void setRotation(Duration rotation) {
			this.rotation = rotation;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Set<String> getAlgorithms() {
		return this.algorithms;
	}

	public void setAlgorithms(Set<String> algorithms) {
		this.algorithms = algorithms;
	}

	public Duration getProofLifetime() {
		return this.proofLifetime;
	}

	public void setProofLifetime(Duration proofLifetime) {
		this.proofLifetime = proofLifetime;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Nonce getNonce() {
		return this.nonce;
	}

	public void setNonce(Nonce nonce) {
		this.nonce = nonce;
	}

}
