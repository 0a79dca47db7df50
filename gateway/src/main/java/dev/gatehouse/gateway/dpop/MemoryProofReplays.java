package dev.gatehouse.gateway.dpop;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * {@link ProofReplays} in this instance's memory (rate-limit store {@code memory}): each
 * proof until the end of the replay window. Bounded: past {@code maxEntries} the expired
 * ones are dropped, and if the window still holds that many proofs, new ones are refused
 * (503) rather than forgetting proofs that could still be replayed.
 */
class MemoryProofReplays implements ProofReplays {

	private final Map<String, Long> expiries = new ConcurrentHashMap<>();

	private final long windowMillis;

	private final int maxEntries;

	private final Clock clock;

	MemoryProofReplays(Duration window, int maxEntries, Clock clock) {
		this.windowMillis = window.toMillis();
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	@Override
	public Mono<Boolean> firstUse(String key) {
		long now = this.clock.millis();
		if (this.expiries.size() >= this.maxEntries) {
			this.expiries.values().removeIf((expiry) -> expiry <= now);
			if (this.expiries.size() >= this.maxEntries) {
				return Mono.error(new ReplayCheckUnavailableException(
						"The replay window holds " + this.maxEntries + " proofs already", null));
			}
		}
		boolean[] first = new boolean[1];
		this.expiries.compute(key, (proof, expiry) -> {
			if (expiry != null && expiry > now) {
				return expiry;
			}
			first[0] = true;
			return now + this.windowMillis;
		});
		return Mono.just(first[0]);
	}

}
