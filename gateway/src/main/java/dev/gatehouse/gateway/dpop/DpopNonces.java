package dev.gatehouse.gateway.dpop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Server nonces for DPoP proofs (RFC 9449 section 9), the same on every replica without a
 * round trip per request: the nonce of a period of {@code rotation} is an HMAC-SHA256 of
 * the period's number under a secret the replicas share. A proof may carry the nonce of
 * the current period or of its neighbours, so a nonce lives one to two periods and
 * replicas whose clocks differ a little agree. The secret is configured, or stored in
 * Redis by the first replica that needs it (read again each period, so that after a Redis
 * restart the replicas agree on the new one), or made up by this instance (memory store:
 * one instance).
 */
class DpopNonces {

	private static final Logger logger = LoggerFactory.getLogger(DpopNonces.class);

	private static final String CONTEXT = "gatehouse-dpop-nonce:";

	private final Mono<byte[]> sharedSecret;

	private final AtomicReference<Secret> secret = new AtomicReference<>();

	private final long rotationMillis;

	private final Duration timeout;

	private final Clock clock;

	/**
	 * @param sharedSecret where the secret comes from; asked once per period
	 * @param timeout how long a request waits for it
	 */
	DpopNonces(Mono<byte[]> sharedSecret, Duration rotation, Duration timeout, Clock clock) {
		this.sharedSecret = sharedSecret;
		this.rotationMillis = rotation.toMillis();
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * Fetches the secret now, waiting up to {@code wait}; a failure is left to the first
	 * request.
	 */
	void prime(Duration wait) {
		Mono<byte[]> fetched = this.sharedSecret.doOnNext((key) -> this.secret.set(new Secret(key, period())));
		fetched.timeout(wait).onErrorResume((ex) -> {
			logger.warn("Could not read the DPoP nonce secret at start-up ({}); requests will try again",
					ex.toString());
			return Mono.empty();
		}).block();
	}

	/** A random secret of this instance. */
	static Mono<byte[]> ownSecret() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return Mono.just(secret);
	}

	/** The nonce to hand out now. */
	Mono<String> current() {
		return secret().map((key) -> nonce(key, period()));
	}

	/** The nonces a proof may carry now. */
	Mono<Set<String>> accepted() {
		long period = period();
		return secret().map((key) -> Set.of(nonce(key, period - 1), nonce(key, period), nonce(key, period + 1)));
	}

	private Mono<byte[]> secret() {
		long period = period();
		Secret known = this.secret.get();
		if (known != null && known.period() == period) {
			return Mono.just(known.key());
		}
		Mono<byte[]> fetched = this.sharedSecret.timeout(this.timeout)
			.onErrorMap((ex) -> new ReplayCheckUnavailableException("The DPoP nonce secret could not be read", ex))
			.doOnNext((key) -> this.secret.set(new Secret(key, period)));
		return (known != null) ? fetched.onErrorReturn(known.key()) : fetched;
	}

	private record Secret(byte[] key, long period) {
	}

	private long period() {
		return Math.floorDiv(this.clock.millis(), this.rotationMillis);
	}

	private static String nonce(byte[] key, long period) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] digest = mac.doFinal((CONTEXT + period).getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
