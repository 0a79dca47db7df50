package dev.gatehouse.security.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The issuer's signing keys: cached for {@code jwk-set-cache-ttl}, fetched again when a
 * token names a key id the cached set does not hold, under three rules that keep tokens
 * with made-up key ids from costing anything, while a key the issuer really publishes is
 * trusted within a stated bound.
 * <ul>
 * <li><b>Single flight.</b> At most one fetch runs at a time; every request that needs
 * keys while it runs waits for it and shares its result.</li>
 * <li><b>Spaced.</b> A fetch starts at most once per
 * {@code jwk-set-refetch-min-interval}. A request for an unknown key id when none may
 * start, and none is running, is answered at once: no key (401). So a flood of forged key
 * ids causes at most one fetch per interval, whatever its rate.</li>
 * <li><b>Unknown key ids remembered.</b> A key id missing from a set whose fetch started
 * after the request naming it arrived is remembered for the cache lifetime: repeating it
 * costs a look-up. No real key is ever remembered so: the issuer publishes a key before
 * it signs a token with it.</li>
 * </ul>
 * The bound: a request presented at least
 * {@code jwk-set-refetch-min-interval + jwk-set-timeout} after the issuer published a key
 * finds it (in the cache, in a running fetch that started after the publication, or in a
 * fetch it may start itself, since the last one is then at least an interval old),
 * provided the issuer answers within the timeout. Earlier requests find it when a fetch
 * that started after the publication has completed or is running.
 * <p>
 * Written here because Nimbus's chain does not have these semantics: its rate limiter
 * allows two fetches per interval and refuses the rest without coalescing, so a flood
 * spends both and a real rotation waits for the next interval, and it has no memory of
 * unknown key ids. Nimbus still retrieves and parses the set
 * ({@code URLBasedJWKSetSource} with its size and time limits).
 */
final class IssuerKeySet implements JWKSource<SecurityContext> {

	private static final Logger logger = LoggerFactory.getLogger(IssuerKeySet.class);

	/** Ahead of the cache's own expiry, so a token verified inline never has to fetch. */
	private static final long MARGIN_MILLIS = 1_000;

	/**
	 * Ahead of the end of the spacing, so a key id refused inline never starts a fetch
	 * there.
	 */
	private static final long SPACING_MARGIN_MILLIS = 100;

	private static final int MAX_REMEMBERED_UNKNOWN = 10_000;

	private final JWKSetSource<SecurityContext> source;

	private final long timeToLiveMillis;

	private final long minIntervalMillis;

	private final long waitMillis;

	private final LongSupplier clock;

	private final Object lock = new Object();

	private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();

	private volatile Snapshot snapshot;

	/** The running fetch, or null; written under {@link #lock}. */
	private volatile Fetch running;

	/** When the last fetch started, successful or not; written under {@link #lock}. */
	private volatile long lastStart = Long.MIN_VALUE;

	/**
	 * Whether the last fetch failed (the issuer is unreachable); written under
	 * {@link #lock}.
	 */
	private volatile boolean lastFailed;

	/**
	 * @param source retrieves the set from the issuer, once per call
	 * @param timeout how long a fetch may take; a request waits for a running one at most
	 * twice that
	 */
	IssuerKeySet(JWKSetSource<SecurityContext> source, Duration timeToLive, Duration minInterval, Duration timeout,
			LongSupplier clock) {
		this.source = source;
		this.timeToLiveMillis = timeToLive.toMillis();
		this.minIntervalMillis = minInterval.toMillis();
		this.waitMillis = 2 * timeout.toMillis();
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
		long arrival = this.clock.getAsLong();
		Snapshot cached = this.snapshot;
		String keyId = keyId(selector);
		if (cached != null && cached.isFresh(arrival, this.timeToLiveMillis)) {
			List<JWK> found = selector.select(cached.keys());
			if (!found.isEmpty() || isRememberedUnknown(keyId, arrival)) {
				return found;
			}
		}
		Snapshot fetched = awaitFetchSince(arrival);
		if (fetched == null) {
			// No fetch may start yet. An unknown key id against a current set is simply
			// unknown;
			// without a current set the keys are unavailable.
			if (cached != null && cached.isFresh(arrival, this.timeToLiveMillis)) {
				return List.of();
			}
			throw new JWKSetUnavailableException(
					"The issuer's key set could not be fetched; the next attempt is due in " + this.minIntervalMillis
							+ " ms at most");
		}
		List<JWK> found = selector.select(fetched.keys());
		if (found.isEmpty() && keyId != null && fetched.startedAt() >= arrival) {
			remember(keyId, fetched.startedAt());
		}
		return found;
	}

	/**
	 * Whether a token with this key id would be answered without a fetch to run or wait
	 * for: its key is cached well within the lifetime, it is a remembered unknown id, or
	 * no fetch may start yet and none runs (the answer is then "no key"). The reactive
	 * decoder verifies such tokens where the request is, and the others where blocking is
	 * allowed. A hint only: the answer itself comes from {@link #get}.
	 */
	boolean answersAtOnce(String keyId, long now) {
		Snapshot cached = this.snapshot;
		if (keyId == null || cached == null || !cached.isFresh(now + MARGIN_MILLIS, this.timeToLiveMillis)) {
			return false;
		}
		if (cached.keys().getKeyByKeyId(keyId) != null || isRememberedUnknown(keyId, now)) {
			return true;
		}
		return this.running == null && !this.lastFailed
				&& now - this.lastStart < this.minIntervalMillis - SPACING_MARGIN_MILLIS;
	}

	/**
	 * A fetch's result for a request that arrived at {@code arrival}: a set fetched
	 * since, a running fetch (joined), or a new fetch when the spacing allows; null when
	 * none may start yet.
	 */
	private Snapshot awaitFetchSince(long arrival) throws KeySourceException {
		Fetch fetch;
		boolean mine = false;
		synchronized (this.lock) {
			Snapshot current = this.snapshot;
			if (current != null && current.startedAt() >= arrival) {
				return current;
			}
			fetch = this.running;
			if (fetch == null) {
				long now = this.clock.getAsLong();
				if (this.lastStart != Long.MIN_VALUE && now - this.lastStart < this.minIntervalMillis) {
					if (this.lastFailed) {
						throw new JWKSetUnavailableException("The issuer's key set could not be fetched; the next "
								+ "attempt is due in " + (this.lastStart + this.minIntervalMillis - now) + " ms");
					}
					return null;
				}
				fetch = new Fetch(now, new CompletableFuture<>());
				this.running = fetch;
				this.lastStart = now;
				mine = true;
			}
		}
		if (mine) {
			fetch(fetch);
		}
		return await(fetch);
	}

	private void fetch(Fetch fetch) {
		try {
			JWKSet keys = this.source.getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), fetch.startedAt(), null);
			Snapshot fetched = new Snapshot(keys, fetch.startedAt());
			synchronized (this.lock) {
				this.snapshot = fetched;
				this.lastFailed = false;
				this.running = null;
			}
			logger.debug("Fetched the issuer's key set: {} keys", keys.size());
			fetch.result().complete(fetched);
		}
		catch (KeySourceException | RuntimeException ex) {
			synchronized (this.lock) {
				this.lastFailed = true;
				this.running = null;
			}
			logger.warn("Could not fetch the issuer's key set: {}", ex.getMessage());
			fetch.result().completeExceptionally(ex);
		}
	}

	private Snapshot await(Fetch fetch) throws KeySourceException {
		try {
			return fetch.result().get(this.waitMillis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof KeySourceException keys) ? keys
					: new JWKSetUnavailableException("The issuer's key set could not be fetched", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new JWKSetUnavailableException("Timed out waiting for the issuer's key set", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JWKSetUnavailableException("Interrupted while waiting for the issuer's key set", ex);
		}
	}

	private boolean isRememberedUnknown(String keyId, long now) {
		if (keyId == null) {
			return false;
		}
		Long until = this.unknownUntil.get(keyId);
		return until != null && now < until;
	}

	private void remember(String keyId, long fetchedAt) {
		if (this.unknownUntil.size() >= MAX_REMEMBERED_UNKNOWN) {
			this.unknownUntil.clear();
		}
		this.unknownUntil.put(keyId, fetchedAt + this.timeToLiveMillis);
	}

	/** The single key id a token's header names, or null. */
	private static String keyId(JWKSelector selector) {
		Set<String> ids = selector.getMatcher().getKeyIDs();
		return (ids != null && ids.size() == 1) ? ids.iterator().next() : null;
	}

	/** A fetched set and when its fetch started (its lifetime counts from there). */
	private record Snapshot(JWKSet keys, long startedAt) {

		boolean isFresh(long now, long timeToLiveMillis) {
			return now < this.startedAt + timeToLiveMillis;
		}

	}

	private record Fetch(long startedAt, CompletableFuture<Snapshot> result) {
	}

}
